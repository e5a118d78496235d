namespace ClarityPortal.Proxy;

internal static class ProxyProgram
{
    public static Task Main(string[] args) => ProxyApp.Build(args).RunAsync();
}
