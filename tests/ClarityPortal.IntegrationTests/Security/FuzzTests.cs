using System.Net;
using System.Text.RegularExpressions;
using ClarityPortal.Data.Identity;
using ClarityPortal.IntegrationTests.Contact;
using ClarityPortal.IntegrationTests.Patients;
using ClarityPortal.Web.Features.Progress;
using ClarityPortal.Web.Features.Providers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ClarityPortal.IntegrationTests.Security;

/// <summary>The caseload portal, taking contact posts from many test addresses, with a per-address limit.</summary>
public sealed class FuzzFactory : CaseloadFactory
{
    public const int PerAddressLimit = 20;

    public FuzzFactory()
    {
        Settings["Contact:MinimumFillSeconds"] = "0";
        Settings["RateLimits:ContactPerAddress:Permits"] = PerAddressLimit.ToString(
            System.Globalization.CultureInfo.InvariantCulture
        );
        TestServices = services =>
        {
            services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Counter);
            services.AddTransient<IStartupFilter, TestClientAddress>();
        };
    }
}

/// <summary>
/// Seeded fuzzing (FUZZ_SEED, FUZZ_INPUTS; figures in docs/security.md): hostile input against the contact form, the
/// provider editor, progress reports and check answers. Nothing may answer 500 or throw out of a service (what a
/// circuit would show as an unhandled error), nothing typed may come back as markup on the staff or public pages, and
/// the per-address contact limit holds while it happens.
/// </summary>
public sealed partial class FuzzTests(FuzzFactory portal, ITestOutputHelper output)
    : IClassFixture<FuzzFactory>,
        IAsyncLifetime
{
    /// <summary>Tags that must never reach a page as markup, whatever was typed.</summary>
    private static readonly string[] LiveMarkup =
    [
        "<script>alert(",
        "<img src=x onerror",
        "<svg onload",
        "<iframe src=//evil",
        "<a href=\"javascript:",
    ];

    private readonly int seed = FuzzInputs.SeedFromEnvironment();

    public Task InitializeAsync() => portal.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("name=\"(__RequestVerificationToken|Form.Started)\" value=\"([^\"]+)\"")]
    private static partial Regex Hidden();

    private static string? Live(string body) =>
        LiveMarkup.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal));

    private async Task<HttpClient> SignedInAsync(ApplicationUser user)
    {
        var client = portal.CreatePortalClient();
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await client.SignInAsync(user.Email!, CaseloadFactory.Password)).StatusCode
        );
        return client;
    }

    [Fact]
    public async Task TheContactFormTakesHostileInputWithoutAnErrorStoresItAsTextAndKeepsItsLimit()
    {
        var fuzz = new FuzzInputs(seed);
        var count = FuzzInputs.CountFromEnvironment(2_500);
        using var client = portal.CreatePortalClient();
        var statuses = new SortedDictionary<string, int>();
        var failures = new List<string>();
        var (flooderAccepted, flooderRefused) = (0, 0);
        for (var i = 0; i < count; i++)
        {
            // Every 10th post comes from one address, which must be stopped at its limit; the rest from 150 others.
            var flooder = i % 10 == 0;
            var address = flooder ? "198.51.100.250" : $"198.51.100.{i % 150}";
            using var get = new HttpRequestMessage(HttpMethod.Get, "/contact");
            get.Headers.Add("X-Test-Client", address);
            var page = await (await client.SendAsync(get)).Content.ReadAsStringAsync();
            var hidden = Hidden()
                .Matches(page)
                .GroupBy(m => m.Groups[1].Value)
                .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.Last().Groups[2].Value));
            var form = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = hidden["__RequestVerificationToken"],
                ["_handler"] = "contact",
                ["Form.Name"] = fuzz.Chance(30) ? "Jordan Reyes" : fuzz.Text(),
                ["Form.Email"] = fuzz.Chance(40) ? $"jordan{i}@example.org" : fuzz.Text(),
                ["Form.Phone"] = fuzz.Chance(50) ? "" : fuzz.Text(),
                ["Form.PreferredMethod"] = fuzz.Chance(60) ? "Email" : fuzz.Text(),
                ["Form.PreferredTime"] = fuzz.Chance(70) ? "" : fuzz.Text(),
                ["Form.Topic"] = fuzz.Chance(60) ? fuzz.Pick(["NewPatient", "KapQuestion", "Other"]) : fuzz.Number(),
                ["Form.Provider"] = fuzz.Chance(80) ? "" : fuzz.Text(),
                ["Form.Message"] = fuzz.Chance(20) ? "Please call me about starting care." : fuzz.Text(),
                ["Form.Consent"] = fuzz.Chance(80) ? "true" : fuzz.Text(),
                ["Form.Started"] = fuzz.Chance(90) ? hidden["Form.Started"] : fuzz.Text(),
                ["Form.Website"] = fuzz.Chance(90) ? "" : fuzz.Text(),
                ["Form.ConfirmPerson"] = fuzz.Chance(90) ? "false" : fuzz.Text(),
            };
            if (fuzz.Chance(5))
            {
                form.Remove(fuzz.Pick(form.Keys.Where(k => k != "__RequestVerificationToken").ToList()));
            }

            using var post = new HttpRequestMessage(HttpMethod.Post, "/contact")
            {
                Content = new FormUrlEncodedContent(form),
            };
            post.Headers.Add("X-Test-Client", address);
            using var response = await client.SendAsync(post);
            var accepted =
                response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.ToString().Contains("/contact/sent", StringComparison.Ordinal);
            var outcome = accepted
                ? "accepted"
                : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            statuses[outcome] = statuses.GetValueOrDefault(outcome) + 1;
            if ((int)response.StatusCode >= 500 || outcome is not ("accepted" or "200" or "400" or "429"))
            {
                failures.Add($"seed {seed}, input {i}: {outcome}");
            }

            if (flooder)
            {
                flooderAccepted += accepted ? 1 : 0;
                flooderRefused += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
            }

            if (Live(await response.Content.ReadAsStringAsync()) is { } live)
            {
                failures.Add($"seed {seed}, input {i}: the answer shows {live} as markup");
            }
        }

        var stored = await portal.WithDbAsync(db => db.ContactRequests.Where(r => r.PatientId == null).ToListAsync());
        Assert.Equal(statuses.GetValueOrDefault("accepted"), stored.Count); // one row per accepted post, no more
        output.WriteLine(
            $"contact statuses {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}; flooder accepted "
                + $"{flooderAccepted}, refused {flooderRefused}"
        );
        // The flooding address got exactly its limit of posts through to the form; every later one was refused.
        Assert.Equal(count / 10 + (count % 10 == 0 ? 0 : 1) - FuzzFactory.PerAddressLimit, flooderRefused);
        Assert.InRange(flooderAccepted, 0, FuzzFactory.PerAddressLimit);

        // Stored as typed, shown as text: the inbox and each request page as an admin.
        using var admin = await SignedInAsync(portal.Admin);
        var risky = stored.Where(r => (r.Name + r.Message).Contains('<', StringComparison.Ordinal)).Take(40).ToList();
        Assert.NotEmpty(risky);
        var encodedSeen = 0;
        foreach (var request in risky)
        {
            var body = await admin.GetStringAsync($"/clinician/inbox/{request.Code}");
            encodedSeen += body.Contains("&lt;", StringComparison.Ordinal) ? 1 : 0;
            if (Live(body) is { } live)
            {
                failures.Add($"/clinician/inbox/{request.Code} shows {live} as markup");
            }
        }

        Assert.True(encodedSeen > 0, "No request page showed the typed markup as text.");
        output.WriteLine(
            $"contact form, seed {seed}: {count} posts; "
                + string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))
                + $"; flooding address: {flooderAccepted} accepted, {flooderRefused} refused with 429; "
                + $"{risky.Count} stored requests with markup shown as text"
        );
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public async Task TheProviderEditorRefusesOrStoresHostileInputAndThePublicPagesShowItAsText()
    {
        var fuzz = new FuzzInputs(seed + 1);
        var count = FuzzInputs.CountFromEnvironment(2_500);
        var (saved, refused) = (0, 0);
        var failures = new List<string>();
        var savedIds = new List<int>();
        await using (var scope = portal.ScopeAs(CaseloadFactory.As(portal.Admin, PortalRoles.Admin)))
        {
            var providers = scope.ServiceProvider.GetRequiredService<ProviderService>();
            for (var i = 0; i < count; i++)
            {
                var edit = new ProviderEdit
                {
                    Name = fuzz.Chance(30) ? $"Dr. Fuzz {i}" : fuzz.Text(httpSafe: false),
                    Slug = fuzz.Chance(40) ? $"fuzz-{seed}-{i}" : fuzz.Text(httpSafe: false),
                    Credentials = fuzz.Chance(50) ? null : fuzz.Text(httpSafe: false),
                    Title = fuzz.Chance(50) ? null : fuzz.Text(httpSafe: false),
                    ContactEmail = fuzz.Chance(60) ? null : fuzz.Text(httpSafe: false),
                    Specialties = fuzz.Text(httpSafe: false),
                    Modalities = fuzz.Chance(50) ? [] : [fuzz.Text(httpSafe: false), "Telehealth"],
                    Languages = fuzz.Text(httpSafe: false),
                    TelehealthStates = fuzz.Chance(50) ? "" : fuzz.Text(httpSafe: false),
                    Qualifications = fuzz.Chance(50)
                        ? ""
                        : fuzz.Text(httpSafe: false) + "|" + fuzz.Text() + "|" + fuzz.Number(),
                    Locations = fuzz.Chance(50) ? "" : fuzz.Text(httpSafe: false) + "|" + fuzz.Text(),
                    AcceptingNewPatients = fuzz.Pick(new bool?[] { null, true, false }),
                    Bio = fuzz.Text(httpSafe: false),
                };
                try
                {
                    var result = await providers.SaveAsync(edit);
                    if (result.Id is { } id && result.Errors.Count == 0)
                    {
                        saved++;
                        savedIds.Add(id);
                    }
                    else
                    {
                        refused++;
                    }
                }
                catch (Exception ex)
                {
                    failures.Add($"seed {seed + 1}, input {i}: {ex.GetType().Name}: {ex.Message}");
                }
            }

            foreach (var id in savedIds.Take(25))
            {
                Assert.Null(await providers.SetPublishedAsync(id, true));
            }
        }

        Assert.True(saved > 0 && refused > 0, $"saved {saved}, refused {refused}: the inputs did not reach both paths");
        using var visitor = portal.CreatePortalClient();
        var slugs = await portal.WithDbAsync(db =>
            db.Providers.Where(p => savedIds.Take(25).Contains(p.Id)).Select(p => p.Slug).ToListAsync()
        );
        foreach (var address in slugs.Select(s => $"/providers/{s}").Append("/providers").Append("/providers.json"))
        {
            using var response = await visitor.GetAsync(address);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500 || Live(body) is not null)
            {
                failures.Add($"{address}: {(int)response.StatusCode} {Live(body)}");
            }
        }

        output.WriteLine(
            $"provider editor, seed {seed + 1}: {count} saves; {saved} stored, {refused} refused with a message; "
                + $"{slugs.Count} published and read back as text"
        );
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public async Task ProgressReportsAndCheckAnswersRefuseHostileInputWithoutAnError()
    {
        var fuzz = new FuzzInputs(seed + 2);
        var count = FuzzInputs.CountFromEnvironment(2_500);
        var modules = await portal.WithDbAsync(db =>
            db.Modules.Where(m => m.IsPublished && m.CurrentRevisionId != null)
                .Select(m => new
                {
                    m.Slug,
                    Revision = m.CurrentRevisionId!.Value,
                    Sections = db.Sections.Where(s => s.RevisionId == m.CurrentRevisionId).Select(s => s.Key).ToList(),
                    Checks = db
                        .KnowledgeChecks.Where(c => c.Section!.RevisionId == m.CurrentRevisionId)
                        .Select(c => c.Id)
                        .ToList(),
                })
                .ToListAsync()
        );
        var outcomes = new SortedDictionary<string, int>();
        var failures = new List<string>();
        await using (var scope = portal.ScopeAs(CaseloadFactory.As(portal.PatientOfA, PortalRoles.Patient)))
        {
            var progress = scope.ServiceProvider.GetRequiredService<ProgressService>();
            for (var i = 0; i < count * 2; i++)
            {
                var module = fuzz.Pick(modules);
                var slug = fuzz.Chance(75) ? module.Slug : fuzz.Text(httpSafe: false);
                var revision = fuzz.Chance(75) ? module.Revision : fuzz.Whole();
                var section = fuzz.Chance(60) ? fuzz.Pick(module.Sections) : fuzz.Text(httpSafe: false);
                var kind =
                    i < count ? fuzz.Pick(["report", "begin", "steps", "read"]) : fuzz.Pick(["answer", "acknowledge"]);
                try
                {
                    var outcome = kind switch
                    {
                        "report" => await progress.ReportAsync(
                            slug,
                            revision,
                            fuzz.Chance(80) ? Guid.NewGuid() : Guid.Empty,
                            Enumerable
                                .Range(0, fuzz.Next(4))
                                .Select(_ => fuzz.Chance(60) ? fuzz.Pick(module.Sections) : fuzz.Text(httpSafe: false))
                                .Distinct()
                                .ToDictionary(k => k, _ => fuzz.Seconds()),
                            fuzz.Chance(20) ? null : section,
                            fuzz.Date()
                        ),
                        "begin" => await progress.BeginAsync(slug, revision),
                        "steps" => await progress.ExplorerStepsAsync(
                            slug,
                            revision,
                            [.. Enumerable.Range(0, fuzz.Next(12)).Select(_ => fuzz.Whole())]
                        ),
                        "read" => await progress.MarkReadAsync(slug, revision, section),
                        "answer" => await progress.RecordAnswerAsync(
                            slug,
                            revision,
                            fuzz.Chance(60) && module.Checks.Count > 0 ? fuzz.Pick(module.Checks) : fuzz.Whole(),
                            fuzz.Chance(60) ? fuzz.Next(4) : fuzz.Whole()
                        ),
                        _ => await progress.AcknowledgeAsync(
                            slug,
                            revision,
                            fuzz.Chance(20) ? null : fuzz.Text(httpSafe: false)
                        ),
                    };
                    var key = $"{kind} {(outcome.Accepted ? "accepted" : "refused")}";
                    outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
                }
                catch (Exception ex)
                {
                    failures.Add($"seed {seed + 2}, input {i} ({kind}): {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        // Questions asked with markup reach the care team's inbox as text.
        using var clinician = await SignedInAsync(portal.ClinicianA);
        var questions = await portal.WithDbAsync(db =>
            db.ContactRequests.Where(r => r.PatientId == portal.PatientOfA.Id && r.Message.Contains('<'))
                .Select(r => r.Code)
                .Take(20)
                .ToListAsync()
        );
        foreach (var code in questions)
        {
            var body = await clinician.GetStringAsync($"/clinician/inbox/{code}");
            if (Live(body) is { } live)
            {
                failures.Add($"/clinician/inbox/{code} shows {live} as markup");
            }
        }

        output.WriteLine(
            $"progress and answers, seed {seed + 2}: {count * 2} calls; "
                + string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value}"))
                + $"; {questions.Count} questions with markup shown as text"
        );
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }
}
