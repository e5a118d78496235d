using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClarityPortal.Tests.Shared;

/// <summary>
/// A real Redis (Debian's <c>redis-server</c>) on a free port, without persistence, for the tests of what instances
/// share (linked into the integration and browser test projects). Where it is not installed the tests skip with a
/// message, except in CI (<c>CI=true</c>), where they fail: CI installs it (.ci/run).
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Executable = "/usr/bin/redis-server";
    private Process? process;

    public string? UnavailableReason { get; private set; }

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            UnavailableReason = $"{Executable} is not installed (apt-get install redis-server); Redis tests skipped.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException(UnavailableReason);
            }

            return;
        }

        // A free port can be taken by another test's listener before redis-server binds it: then it exits, and
        // the next try takes another port.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await TryStartAsync(FreePort()))
            {
                return;
            }
        }

        throw new InvalidOperationException($"redis-server did not start; last port tried {Port}.");
    }

    private async Task<bool> TryStartAsync(int port)
    {
        Port = port;
        process?.Dispose();
        process = Process.Start(
            new ProcessStartInfo(Executable, $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )!;
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                // Something listens there; it is this Redis only if this Redis is still running.
                await Task.Delay(50);
                return !process.HasExited;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        return false;
    }

    /// <summary>Empties Redis between tests, so no count or cached page carries over.</summary>
    public async Task FlushAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync("*1\r\n$8\r\nFLUSHALL\r\n"u8.ToArray());
        var answer = new byte[16];
        _ = await stream.ReadAsync(answer);
    }

    /// <summary>
    /// A port bound but not listening, so every connection to it is refused for as long as the socket is kept
    /// (no other listener can take it meanwhile, as one could take a port only found free).
    /// </summary>
    public static Socket ClosedPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process?.Dispose();
        return Task.CompletedTask;
    }
}
