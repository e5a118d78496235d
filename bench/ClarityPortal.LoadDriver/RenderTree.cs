using System.Buffers.Binary;
using System.Text;

namespace ClarityPortal.LoadDriver;

/// <summary>A node of the page as the driver keeps it: what blazor.web.js would have put in the DOM.</summary>
internal abstract class Node
{
    public Container? Parent { get; set; }
}

internal class Container : Node
{
    public List<Node> Children { get; } = [];
}

/// <summary>The logical container a component renders into.</summary>
internal sealed class ComponentNode(int id) : Container
{
    public int Id { get; } = id;
}

internal sealed class ElementNode(string name) : Container
{
    public string Name { get; } = name;

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Event name (<c>click</c>) → the handler id the server dispatches on.</summary>
    public Dictionary<string, ulong> Handlers { get; } = new(StringComparer.Ordinal);
}

internal sealed class TextNode(string text) : Node
{
    public string Text { get; set; } = text;
}

internal sealed class MarkupNode(string markup) : Node
{
    public string Markup { get; set; } = markup;
}

/// <summary>
/// Applies Blazor render batches (the binary format of <c>RenderBatchWriter</c>) to a tree of logical nodes the way
/// <c>BrowserRenderer</c> applies them to the DOM, so event handler ids can be found by a stable attribute.
/// </summary>
internal sealed class RenderTree
{
    private const int FrameSize = 20;
    private const int EditSize = 16;

    private readonly Dictionary<int, ComponentNode> components = [];

    public int ComponentCount => components.Count;

    /// <summary>A root component the server attached (<c>JS.AttachComponent</c>).</summary>
    public void AttachRoot(int componentId) => components[componentId] = new ComponentNode(componentId);

    public void Apply(byte[] batch) => new BatchReader(batch, this).Apply();

    /// <summary>The first element whose <paramref name="attribute"/> equals <paramref name="value"/>.</summary>
    public ElementNode? Find(string attribute, string value) =>
        Elements().FirstOrDefault(e => e.Attributes.TryGetValue(attribute, out var v) && v == value);

    public IEnumerable<ElementNode> Elements() => components.Values.SelectMany(c => ElementsIn(c));

    private static IEnumerable<ElementNode> ElementsIn(Container container)
    {
        foreach (var child in container.Children)
        {
            if (child is ElementNode element)
            {
                yield return element;
                foreach (var inner in ElementsIn(element))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The text of a node and everything under it, child components included.</summary>
    public static string TextOf(Node node)
    {
        var text = new StringBuilder();
        void Walk(Node n)
        {
            switch (n)
            {
                case TextNode t:
                    text.Append(t.Text);
                    break;
                case MarkupNode m:
                    text.Append(m.Markup);
                    break;
                case Container c:
                    c.Children.ForEach(Walk);
                    break;
            }
        }

        Walk(node);
        return text.ToString();
    }

    private sealed class BatchReader(byte[] bytes, RenderTree tree)
    {
        private int Int(int offset) => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));

        private string? String(int index)
        {
            if (index < 0)
            {
                return null;
            }

            var stringTable = Int(bytes.Length - 4);
            var position = Int(stringTable + 4 * index);
            var length = 0;
            var shift = 0;
            byte b;
            do
            {
                b = bytes[position++];
                length |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);

            return Encoding.UTF8.GetString(bytes, position, length);
        }

        private int frames;

        private int FrameAt(int index) => frames + 4 + index * FrameSize;

        private int FrameType(int index) => Int(FrameAt(index));

        private int SubtreeLength(int index) => Int(FrameAt(index) + 4);

        public void Apply()
        {
            var updated = Int(bytes.Length - 20);
            frames = Int(bytes.Length - 16);
            var disposedComponents = Int(bytes.Length - 12);
            var disposedHandlers = Int(bytes.Length - 8);

            var diffCount = Int(updated);
            for (var i = 0; i < diffCount; i++)
            {
                var diff = Int(updated + 4 + 4 * i);
                var componentId = Int(diff);
                if (!tree.components.TryGetValue(componentId, out var component))
                {
                    component = new ComponentNode(componentId);
                    tree.components[componentId] = component;
                }

                ApplyEdits(component, diff + 8, Int(diff + 4));
            }

            var disposedCount = Int(disposedComponents);
            for (var i = 0; i < disposedCount; i++)
            {
                tree.components.Remove(Int(disposedComponents + 4 + 4 * i));
            }

            // Disposed handler ids need no work: the elements that held them were changed in the same batch.
            _ = disposedHandlers;
        }

        private void ApplyEdits(ComponentNode component, int editsAt, int count)
        {
            Container parent = component;
            var depth = 0;
            var childIndexAtDepth = 0;
            var permutation = new List<(int From, int To)>();
            for (var i = 0; i < count; i++)
            {
                var edit = editsAt + i * EditSize;
                var type = Int(edit);
                var sibling = Int(edit + 4);
                var reference = Int(edit + 8);
                var index = childIndexAtDepth + sibling;
                switch (type)
                {
                    case 1: // PrependFrame
                        InsertFrame(parent, index, reference);
                        break;
                    case 2: // RemoveFrame
                        parent.Children.RemoveAt(index);
                        break;
                    case 3: // SetAttribute
                        if (parent.Children[index] is ElementNode target)
                        {
                            ApplyAttribute(target, reference);
                        }

                        break;
                    case 4: // RemoveAttribute
                        if (parent.Children[index] is ElementNode element)
                        {
                            var name = String(Int(edit + 12))!;
                            element.Attributes.Remove(name);
                            element.Handlers.Remove(EventName(name));
                        }

                        break;
                    case 5: // UpdateText
                        if (parent.Children[index] is TextNode text)
                        {
                            text.Text = String(Int(FrameAt(reference) + 4)) ?? "";
                        }

                        break;
                    case 6: // StepIn
                        parent = (Container)parent.Children[index];
                        depth++;
                        childIndexAtDepth = 0;
                        break;
                    case 7: // StepOut
                        parent = parent.Parent!;
                        depth--;
                        childIndexAtDepth = 0;
                        break;
                    case 8: // UpdateMarkup
                        parent.Children[index] = new MarkupNode(String(Int(FrameAt(reference) + 4)) ?? "")
                        {
                            Parent = parent,
                        };
                        break;
                    case 9: // PermutationListEntry
                        permutation.Add((index, childIndexAtDepth + reference));
                        break;
                    case 10: // PermutationListEnd
                        var before = parent.Children.ToList();
                        foreach (var (from, to) in permutation)
                        {
                            parent.Children[to] = before[from];
                        }

                        permutation.Clear();
                        break;
                    default:
                        throw new InvalidDataException($"Unknown edit type {type}");
                }
            }
        }

        /// <summary>Inserts frame <paramref name="frame"/> at <paramref name="at"/>; returns siblings added.</summary>
        private int InsertFrame(Container parent, int at, int frame)
        {
            switch (FrameType(frame))
            {
                case 1: // Element
                {
                    var element = new ElementNode(String(Int(FrameAt(frame) + 8)) ?? "") { Parent = parent };
                    parent.Children.Insert(at, element);
                    var end = frame + SubtreeLength(frame);
                    for (var d = frame + 1; d < end; d++)
                    {
                        if (FrameType(d) == 3)
                        {
                            ApplyAttribute(element, d);
                        }
                        else
                        {
                            InsertRange(element, 0, d, end);
                            break;
                        }
                    }

                    return 1;
                }
                case 2: // Text
                    parent.Children.Insert(at, new TextNode(String(Int(FrameAt(frame) + 4)) ?? "") { Parent = parent });
                    return 1;
                case 4: // Component
                {
                    var id = Int(FrameAt(frame) + 8);
                    var component = new ComponentNode(id) { Parent = parent };
                    tree.components[id] = component;
                    parent.Children.Insert(at, component);
                    return 1;
                }
                case 5: // Region
                    return InsertRange(parent, at, frame + 1, frame + SubtreeLength(frame));
                case 8: // Markup
                    var markup = String(Int(FrameAt(frame) + 4)) ?? "";
                    parent.Children.Insert(at, new MarkupNode(markup) { Parent = parent });
                    return 1;
                default: // reference captures, render modes, named events: nothing in the DOM
                    return 0;
            }
        }

        private int InsertRange(Container parent, int at, int start, int endExclusive)
        {
            var first = at;
            for (var f = start; f < endExclusive; f++)
            {
                at += InsertFrame(parent, at, f);
                var type = FrameType(f);
                if (type is 1 or 4 or 5)
                {
                    f += SubtreeLength(f) - 1;
                }
            }

            return at - first;
        }

        private void ApplyAttribute(ElementNode element, int frame)
        {
            var at = FrameAt(frame);
            var name = String(Int(at + 4))!;
            var handler = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at + 12));
            if (handler != 0)
            {
                element.Handlers[EventName(name)] = handler;
                return;
            }

            var value = String(Int(at + 8));
            if (value is null)
            {
                element.Attributes.Remove(name);
            }
            else
            {
                element.Attributes[name] = value;
            }
        }

        private static string EventName(string attribute) =>
            attribute.StartsWith("on", StringComparison.Ordinal) ? attribute[2..] : attribute;
    }
}
