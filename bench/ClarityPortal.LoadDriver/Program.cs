namespace ClarityPortal.LoadDriver;

internal static class DriverProgram
{
    public static Task<int> Main(string[] args) => DriverCommand.RunAsync(args, Console.Error);
}
