using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace ClarityPortal.ComponentTests;

/// <summary>A bUnit context whose services read and write a real SQLite file (deleted afterwards).</summary>
public abstract class DbComponentTest : PortalTestContext
{
    protected DbComponentTest()
        : this(new PortalDb()) { }

    private DbComponentTest(PortalDb db)
        : base(services =>
        {
            var environment = new TestEnvironment();
            services.AddSingleton<IWebHostEnvironment>(environment);
            db.Register(services, environment);
        }) => Db = db;

    protected PortalDb Db { get; }

    protected override void Cleanup() => Db.Dispose();

    private sealed class TestEnvironment : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = "";
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "ClarityPortal.Web";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public string EnvironmentName { get; set; } = "Testing";
    }
}
