using System.Text.Json;

namespace ClarityPortal.IntegrationTests.Shell;

/// <summary>
/// With <c>Azure:SignalR:ConnectionString</c> set, circuits are handed to Azure SignalR Service: the SDK answers the
/// negotiate instead of the local hub. No emulator speaks Blazor, so the service is a closed local port: the wiring,
/// not the service, is what this proves.
/// </summary>
public sealed class AzureSignalRTests
{
    private static async Task<JsonElement> NegotiateAsync(PortalFactory portal)
    {
        using var client = portal.CreatePortalClient();
        var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task WithoutAzureSignalRTheCircuitConnectsHere()
    {
        await using var portal = new PortalFactory();

        var answer = await NegotiateAsync(portal);

        Assert.True(answer.TryGetProperty("connectionId", out _));
        Assert.False(answer.TryGetProperty("accessToken", out _));
    }

    [Fact]
    public async Task WithAConnectionStringNegotiateIsAnsweredByTheAzureSignalRClient()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var portal = new PortalFactory();
        portal.Settings["Azure:SignalR:ConnectionString"] = $"Endpoint=http://127.0.0.1:9;AccessKey={key};Version=1.0;";
        using var client = portal.CreatePortalClient();

        var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        var body = await response.Content.ReadAsStringAsync();

        // The Azure SignalR SDK took the negotiate, never the local hub. Until its first connection attempts to the
        // (closed) service fail, the SDK sends the browser to the service with an access token; after that it
        // refuses with its own message. Either way no connection is handed out here.
        Assert.DoesNotContain("connectionId", body, StringComparison.Ordinal);
        if (response.IsSuccessStatusCode)
        {
            var answer = JsonDocument.Parse(body).RootElement;
            Assert.StartsWith(
                "http://127.0.0.1:9/client/?hub=",
                answer.GetProperty("url").GetString(),
                StringComparison.Ordinal
            );
            Assert.False(string.IsNullOrEmpty(answer.GetProperty("accessToken").GetString()));
        }
        else
        {
            Assert.Contains("Azure SignalR Service is not connected yet", body, StringComparison.Ordinal);
        }
    }
}
