using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClarityPortal.LoadDriver;

/// <summary>
/// One browser tab without a browser: loads a page, starts its circuit over the <c>blazorpack</c> hub protocol,
/// acknowledges every render batch, answers the app's JS interop calls and dispatches clicks. See
/// ../shared/LOADTEST.md for the message sequence.
/// </summary>
internal sealed partial class CircuitClient(PortalHttp http, JsResults js) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<HubMessage>> pending = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(bool Ok, long At)>> dotNetCalls = new();
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClientWebSocket? socket;
    private Task? receiving;
    private long lastSend = Stopwatch.GetTimestamp();
    private int callIds;
    private int jsObjects;
    private string? secret;

    public CookieContainer Cookies { get; } = new();

    /// <summary>The page as the driver sees it; lock on it to read (batches are applied under the lock).</summary>
    public RenderTree Tree { get; } = new();

    /// <summary>The .NET object the renderer registered for browser events (0 until attached).</summary>
    public long RendererObjectId { get; private set; }

    /// <summary>.NET object references the app handed to JS, by the JS identifier that received them.</summary>
    public ConcurrentDictionary<string, long> DotNetObjects { get; } = new(StringComparer.Ordinal);

    public int RenderBatches { get; private set; }

    /// <summary>The first error the server reported (<c>JS.Error</c>, a close) or the socket gave.</summary>
    public string? Error { get; private set; }

    public bool IsOpen => socket?.State == WebSocketState.Open && Error is null;

    /// <summary>GETs the page and takes it live: circuit started, root components attached, first render in.</summary>
    public async Task OpenAsync(string path, CancellationToken ct)
    {
        var pageUri = new Uri(http.Base, path);
        var html = await http.GetStringAsync(pageUri, Cookies, ct);
        var markers = Markers(html);
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server components");
        }

        var state = StateComment().Match(html) is { Success: true } m ? m.Groups[1].Value : "";
        var token = await http.NegotiateAsync(Cookies, ct);

        socket = new ClientWebSocket();
        foreach (var (name, value) in http.Headers(Cookies))
        {
            socket.Options.SetRequestHeader(name, value);
        }
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        var ws = new UriBuilder(new Uri(http.Base, "_blazor")) { Query = "id=" + Uri.EscapeDataString(token) };
        ws.Scheme = ws.Scheme == "https" ? "wss" : "ws";
        await socket.ConnectAsync(ws.Uri, ct);
        await SendAsync(BlazorPack.Handshake, WebSocketMessageType.Text, ct);
        receiving = Task.Run(ReceiveLoopAsync, CancellationToken.None);

        var startCircuit = Expect("start");
        await SendAsync(
            BlazorPack.Invoke("start", "StartCircuit", http.Base.ToString(), pageUri.ToString(), "[]", ""),
            ct
        );
        var result = await WithTimeout(startCircuit.Task, "StartCircuit");
        secret = result.Arguments[0] as string ?? throw new InvalidOperationException("The circuit was refused");

        var operations = string.Join(
            ",",
            markers.Select((marker, i) => $"{{\"type\":\"add\",\"ssrComponentId\":{i + 1},\"marker\":{marker}}}")
        );
        await SendAsync(
            BlazorPack.Invoke(null, "UpdateRootComponents", $"{{\"batchId\":1,\"operations\":[{operations}]}}", state),
            ct
        );
        await WithTimeout(started.Task, "the first render");
    }

    /// <summary>Waits until <paramref name="ready"/> finds what it looks for (circuits render in steps).</summary>
    public async Task WaitForAsync(Func<RenderTree, bool> ready, string what, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            lock (Tree)
            {
                if (ready(Tree))
                {
                    return;
                }
            }

            if (waited.Elapsed > StartTimeout || Error is not null)
            {
                throw new TimeoutException($"The page never showed {what}{ErrorSuffix}");
            }

            await Task.Delay(20, ct);
        }
    }

    /// <summary>
    /// Clicks the element with <c>data-testid</c> <paramref name="testId"/> and waits for the render it causes.
    /// Returns the time from <paramref name="scheduled"/> (not from the send) to that render.
    /// </summary>
    public async Task<TimeSpan?> ClickAsync(string testId, long scheduled, CancellationToken ct)
    {
        ulong handler;
        lock (Tree)
        {
            var element =
                Tree.Find("data-testid", testId) ?? throw new InvalidOperationException($"No element {testId}");
            if (!element.Handlers.TryGetValue("click", out handler))
            {
                throw new InvalidOperationException($"{testId} has no click handler");
            }
        }

        return await DispatchAsync(handler, "click", MouseClick, scheduled, ct);
    }

    /// <summary>Clicks an element found in <see cref="Tree"/> (see the other overload).</summary>
    public async Task<TimeSpan?> ClickAsync(ElementNode element, long scheduled, CancellationToken ct)
    {
        ulong handler;
        lock (Tree)
        {
            if (!element.Handlers.TryGetValue("click", out handler))
            {
                throw new InvalidOperationException($"The {element.Name} has no click handler");
            }
        }

        return await DispatchAsync(handler, "click", MouseClick, scheduled, ct);
    }

    private const string MouseClick =
        "{\"detail\":1,\"screenX\":0,\"screenY\":0,\"clientX\":0,\"clientY\":0,\"offsetX\":0,\"offsetY\":0,"
        + "\"pageX\":0,\"pageY\":0,\"movementX\":0,\"movementY\":0,\"button\":0,\"buttons\":0,\"ctrlKey\":false,"
        + "\"shiftKey\":false,\"altKey\":false,\"metaKey\":false,\"type\":\"click\"}";

    /// <summary>
    /// Dispatches a browser event and waits until the server reports the handler done; the renders it caused
    /// arrive before that report, so the page is up to date when this returns. Null: no answer within 10 s.
    /// </summary>
    private async Task<TimeSpan?> DispatchAsync(
        ulong handler,
        string name,
        string args,
        long scheduled,
        CancellationToken ct
    )
    {
        var descriptor = $"{{\"eventHandlerId\":{handler},\"eventName\":\"{name}\",\"eventFieldInfo\":null}}";
        var (ok, at) = await CallDotNetAsync(RendererObjectId, "DispatchEventAsync", $"[{descriptor},{args}]", ct);
        return ok ? Stopwatch.GetElapsedTime(scheduled, at) : null;
    }

    /// <summary>
    /// Calls a [JSInvokable] method on a .NET object, as the app's own script would; true once the server reports
    /// it finished well (<c>JS.EndInvokeDotNet</c>), false when it failed or gave no report within 10 s.
    /// </summary>
    public async Task<bool> InvokeDotNetAsync(long objectId, string method, string argsJson, CancellationToken ct) =>
        (await CallDotNetAsync(objectId, method, argsJson, ct)).Ok;

    private async Task<(bool Ok, long At)> CallDotNetAsync(
        long objectId,
        string method,
        string argsJson,
        CancellationToken ct
    )
    {
        var callId = Interlocked.Increment(ref callIds).ToString(CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<(bool Ok, long At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        dotNetCalls[callId] = done;
        await SendAsync(
            BlazorPack.Invoke(null, "BeginInvokeDotNetFromJS", callId, null, method, objectId, argsJson),
            ct
        );
        if (await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(10), ct)) != done.Task)
        {
            dotNetCalls.TryRemove(callId, out _);
            return (false, 0);
        }

        return done.Task.Result;
    }

    /// <summary>Keeps the connection alive: the hub drops a client it has not heard from for 30 s.</summary>
    public async Task PingIfQuietAsync(CancellationToken ct)
    {
        if (IsOpen && Stopwatch.GetElapsedTime(Interlocked.Read(ref lastSend)) > TimeSpan.FromSeconds(10))
        {
            await SendAsync(BlazorPack.PingMessage(), ct);
        }
    }

    /// <summary>Closes like a closed tab: the socket, then the disconnect beacon that frees the circuit.</summary>
    public async Task CloseAsync()
    {
        await stop.CancelAsync();
        if (socket is { State: WebSocketState.Open })
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
        }

        if (secret is not null)
        {
            await http.DisconnectAsync(secret, Cookies);
            secret = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return; // a second dispose does nothing, as IAsyncDisposable asks
        }

        disposed = true;
        await CloseAsync();
        socket?.Dispose();
        stop.Dispose();
        sendLock.Dispose();
    }

    private bool disposed;

    private TaskCompletionSource<HubMessage> Expect(string invocationId)
    {
        var tcs = new TaskCompletionSource<HubMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[invocationId] = tcs;
        return tcs;
    }

    private async Task<T> WithTimeout<T>(Task<T> task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(StartTimeout)) != task)
        {
            throw new TimeoutException($"No {what} within {StartTimeout.TotalSeconds:0} s{ErrorSuffix}");
        }

        return await task;
    }

    private async Task WithTimeout(Task task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(StartTimeout)) != task)
        {
            throw new TimeoutException($"No {what} within {StartTimeout.TotalSeconds:0} s{ErrorSuffix}");
        }

        await task;
    }

    private string ErrorSuffix => Error is null ? "" : $" ({Error})";

    private Task SendAsync(byte[] message, CancellationToken ct) => SendAsync(message, WebSocketMessageType.Binary, ct);

    private async Task SendAsync(byte[] message, WebSocketMessageType type, CancellationToken ct)
    {
        await sendLock.WaitAsync(ct);
        try
        {
            await socket!.SendAsync(message, type, endOfMessage: true, ct);
            Interlocked.Exchange(ref lastSend, Stopwatch.GetTimestamp());
        }
        finally
        {
            sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var data = new MemoryStream();
        var handshakeDone = false;
        var messages = new List<HubMessage>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var read = await socket!.ReceiveAsync(buffer, stop.Token);
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    Fail(socket.CloseStatusDescription ?? "the server closed the connection");
                    return;
                }

                data.Write(buffer, 0, read.Count);
                if (!read.EndOfMessage)
                {
                    continue;
                }

                var bytes = data.GetBuffer().AsSpan(0, (int)data.Length);
                var offset = 0;
                if (!handshakeDone)
                {
                    offset = bytes.IndexOf((byte)0x1e) + 1;
                    if (offset == 0)
                    {
                        continue;
                    }

                    var answer = Encoding.UTF8.GetString(bytes[..(offset - 1)]);
                    if (answer.Contains("\"error\"", StringComparison.Ordinal))
                    {
                        Fail("handshake refused: " + answer);
                        return;
                    }

                    handshakeDone = true;
                }

                messages.Clear();
                offset += BlazorPack.ReadMessages(bytes[offset..], messages);
                var rest = bytes[offset..].ToArray();
                data.SetLength(0);
                data.Write(rest);
                foreach (var message in messages)
                {
                    await HandleAsync(message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException)
        {
            Fail(ex.Message);
        }
    }

    private void Fail(string error)
    {
        Error ??= error;
        started.TrySetException(new InvalidOperationException(error));
        foreach (var waiting in pending.Values)
        {
            waiting.TrySetException(new InvalidOperationException(error));
        }
    }

    private async Task HandleAsync(HubMessage message)
    {
        switch (message.Type)
        {
            case BlazorPack.Completion when message.InvocationId is { } id && pending.TryRemove(id, out var tcs):
                if (message.Error is null)
                {
                    tcs.TrySetResult(message);
                }
                else
                {
                    tcs.TrySetException(new InvalidOperationException(message.Error));
                }

                break;
            case BlazorPack.Close:
                Fail(message.Error ?? "the server closed the circuit");
                break;
            case BlazorPack.Invocation:
                await HandleInvocationAsync(message.Target!, message.Arguments);
                break;
        }
    }

    private async Task HandleInvocationAsync(string target, object?[] args)
    {
        switch (target)
        {
            case "JS.RenderBatch":
            {
                var batchId = Convert.ToInt64(args[0], CultureInfo.InvariantCulture);
                lock (Tree)
                {
                    Tree.Apply((byte[])args[1]!);
                    RenderBatches++;
                }

                await SendAsync(BlazorPack.Invoke(null, "OnRenderCompleted", batchId, null), stop.Token);
                if (RendererObjectId != 0)
                {
                    started.TrySetResult();
                }

                break;
            }
            case "JS.AttachComponent":
                lock (Tree)
                {
                    Tree.AttachRoot(Convert.ToInt32(args[0], CultureInfo.InvariantCulture));
                }

                break;
            case "JS.BeginInvokeJS":
                await AnswerJsAsync(
                    Convert.ToInt64(args[0], CultureInfo.InvariantCulture),
                    (string)args[1]!,
                    args[2] as string
                );
                break;
            case "JS.EndInvokeDotNet":
                if (args[0] is string callId && dotNetCalls.TryRemove(callId, out var call))
                {
                    call.TrySetResult((args.Length > 1 && args[1] is true, Stopwatch.GetTimestamp()));
                }

                break;
            case "JS.Error":
                Fail(args.Length > 0 ? args[0] as string ?? "JS.Error" : "JS.Error");
                break;
        }
    }

    private async Task AnswerJsAsync(long handle, string identifier, string? argsJson)
    {
        if (argsJson is not null && DotNetObject().Match(argsJson) is { Success: true } reference)
        {
            var id = long.Parse(reference.Groups[1].Value, CultureInfo.InvariantCulture);
            DotNetObjects[identifier] = id;
            if (identifier == "Blazor._internal.attachWebRendererInterop")
            {
                RendererObjectId = id;
            }
        }

        // The app navigated (NavigationManager.NavigateTo): the browser changes its address and tells the circuit.
        string? navigateTo = null;
        if (identifier == "Blazor._internal.navigationManager.navigateTo" && argsJson is not null)
        {
            using var navigation = JsonDocument.Parse(argsJson);
            navigateTo = new Uri(http.Base, navigation.RootElement[0].GetString()).ToString();
        }

        var result = js.ResultFor(identifier);
        if (result == JsResults.ObjectReference)
        {
            result = $"{{\"__jsObjectId\":{Interlocked.Increment(ref jsObjects)}}}";
        }

        if (handle != 0)
        {
            await SendAsync(
                BlazorPack.Invoke(null, "EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]"),
                stop.Token
            );
        }

        if (navigateTo is not null)
        {
            await SendAsync(BlazorPack.Invoke(null, "OnLocationChanged", navigateTo, null, false), stop.Token);
        }
    }

    /// <summary>The start markers of the interactive server components, as JSON, in document order.</summary>
    internal static List<string> Markers(string html) =>
        [
            .. MarkerComment()
                .Matches(html)
                .Select(m => m.Groups[1].Value)
                .Where(json => json.Contains("\"type\":\"server\"", StringComparison.Ordinal))
                .Select(json => JsonDocument.Parse(json).RootElement.GetRawText()),
        ];

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerComment();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([^-]*?)-->")]
    private static partial Regex StateComment();

    [GeneratedRegex("\"__dotNetObject\":(\\d+)")]
    private static partial Regex DotNetObject();
}
