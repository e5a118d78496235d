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

        // The Azure SignalR SDK took the negotiate: with the service unreachable it refuses with its own message
        // and hands out no local connection. (With the service up, the answer is its URL and an access token.)
        Assert.Contains("Azure SignalR Service is not connected yet", body, StringComparison.Ordinal);
        Assert.DoesNotContain("connectionId", body, StringComparison.Ordinal);
        Assert.False(response.IsSuccessStatusCode);
    }
}
