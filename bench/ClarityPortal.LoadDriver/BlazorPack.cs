using System.Buffers;
using System.Text;
using MessagePack;

namespace ClarityPortal.LoadDriver;

/// <summary>A hub message from the server, with the arguments of an invocation read into plain values.</summary>
internal sealed record HubMessage(int Type, string? Target, string? InvocationId, object?[] Arguments, string? Error);

/// <summary>
/// SignalR's MessagePack hub protocol as the Blazor hub names it (<c>blazorpack</c>): each message is a
/// MessagePack array behind a variable-length size prefix. Only what a browser tab sends and receives is here.
/// </summary>
internal static class BlazorPack
{
    public const int Invocation = 1;
    public const int Completion = 3;
    public const int Ping = 6;
    public const int Close = 7;

    /// <summary>The handshake a browser sends first (JSON, ending in the record separator).</summary>
    public static readonly byte[] Handshake = Encoding.UTF8.GetBytes(
        "{\"protocol\":\"blazorpack\",\"version\":2}\u001e"
    );

    public static byte[] PingMessage()
    {
        var body = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(body);
        w.WriteArrayHeader(1);
        w.Write(Ping);
        w.Flush();
        return Frame(body);
    }

    /// <summary>An invocation of a hub method; with an id the server answers with a completion.</summary>
    public static byte[] Invoke(string? invocationId, string target, params object?[] arguments)
    {
        var body = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(body);
        w.WriteArrayHeader(6);
        w.Write(Invocation);
        w.WriteMapHeader(0);
        if (invocationId is null)
        {
            w.WriteNil();
        }
        else
        {
            w.Write(invocationId);
        }

        w.Write(target);
        w.WriteArrayHeader(arguments.Length);
        foreach (var argument in arguments)
        {
            WriteValue(ref w, argument);
        }

        w.WriteArrayHeader(0);
        w.Flush();
        return Frame(body);
    }

    private static void WriteValue(ref MessagePackWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNil();
                break;
            case string s:
                w.Write(s);
                break;
            case bool b:
                w.Write(b);
                break;
            case int i:
                w.Write(i);
                break;
            case long l:
                w.Write(l);
                break;
            default:
                throw new ArgumentException($"Cannot send a {value.GetType().Name}");
        }
    }

    private static byte[] Frame(ArrayBufferWriter<byte> body)
    {
        var prefix = new byte[5];
        var length = body.WrittenCount;
        var n = 0;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            prefix[n++] = length > 0 ? (byte)(b | 0x80) : b;
        } while (length > 0);

        var frame = new byte[n + body.WrittenCount];
        prefix.AsSpan(0, n).CopyTo(frame);
        body.WrittenSpan.CopyTo(frame.AsSpan(n));
        return frame;
    }

    /// <summary>
    /// Reads every whole message at the start of <paramref name="buffer"/>; returns how many bytes they took
    /// (a partial message stays for the next read).
    /// </summary>
    public static int ReadMessages(ReadOnlySpan<byte> buffer, List<HubMessage> into)
    {
        var consumed = 0;
        while (consumed < buffer.Length)
        {
            var length = 0;
            var shift = 0;
            var p = consumed;
            while (true)
            {
                if (p >= buffer.Length)
                {
                    return consumed;
                }

                var b = buffer[p++];
                length |= (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }

            if (p + length > buffer.Length)
            {
                return consumed;
            }

            into.Add(Parse(new ReadOnlySequence<byte>(buffer.Slice(p, length).ToArray())));
            consumed = p + length;
        }

        return consumed;
    }

    private static HubMessage Parse(ReadOnlySequence<byte> bytes)
    {
        var r = new MessagePackReader(bytes);
        var count = r.ReadArrayHeader();
        var type = r.ReadInt32();
        switch (type)
        {
            case Invocation:
            {
                r.Skip(); // headers
                var id = r.TryReadNil() ? null : r.ReadString();
                var target = r.ReadString();
                var args = new object?[r.ReadArrayHeader()];
                for (var i = 0; i < args.Length; i++)
                {
                    args[i] = ReadValue(ref r);
                }

                return new HubMessage(type, target, id, args, null);
            }
            case Completion:
            {
                r.Skip(); // headers
                var id = r.ReadString();
                var kind = r.ReadInt32();
                var result = kind == 2 ? null : ReadValue(ref r);
                return new HubMessage(type, null, id, [result], kind == 1 ? result as string : null);
            }
            case Close:
                return new HubMessage(type, null, null, [], count > 1 && !r.TryReadNil() ? r.ReadString() : null);
            default:
                return new HubMessage(type, null, null, [], null);
        }
    }

    private static object? ReadValue(ref MessagePackReader r)
    {
        switch (r.NextMessagePackType)
        {
            case MessagePackType.Nil:
                r.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return r.ReadBoolean();
            case MessagePackType.Integer:
                return r.ReadInt64();
            case MessagePackType.String:
                return r.ReadString();
            case MessagePackType.Binary:
                return r.ReadBytes()?.ToArray();
            default:
                r.Skip();
                return null;
        }
    }
}
