using CoopRegister.Cli;
using CoopRegister.Cli.Commands;
using CoopRegister.Data;
using CoopRegister.Features.Accounts;
using CoopRegister.Testing;
using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace CoopRegister.Features.Tests.Cli;

public sealed class CliTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "testdb", $"cli-{Guid.NewGuid():N}");

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static RootCommand Root() => new() { CliHost.Database, CliHost.Provider, MigrateCommand.Create(), SetupLinkCommand.Create(), CertificatesCommand.Create(), ExportCommand.Create() };

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.InvokeAsync(Root(), args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("migrate", output, StringComparison.Ordinal);
        Assert.Contains("setup-link", output, StringComparison.Ordinal);
        Assert.Contains("--database", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_the_database_and_a_second_run_finds_it_up_to_date()
    {
        var file = Path.Combine(_folder, "register.db");
        var first = await RunAsync("migrate", "--database", file);
        Assert.Equal(0, first.Code);
        Assert.Contains("Applied", first.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(file));

        var second = await RunAsync("migrate", "--database", file);
        Assert.Contains("up to date", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_link_prints_a_link_the_setup_service_accepts_and_refuses_after_setup()
    {
        var file = Path.Combine(_folder, "register.db");
        var (code, output, _) = await RunAsync("setup-link", "--database", file, "--url", "https://register.example.org");
        Assert.Equal(0, code);
        var link = new Uri(output.Trim());
        Assert.Equal("register.example.org", link.Host);
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);

        await using var host = await RegisterTestHostOver(file);
        var setup = host.Get<CoopRegister.Features.Accounts.SetupService>();
        Assert.True(await setup.IsTokenValidAsync(token, TestContext.Current.CancellationToken));
        await setup.CompleteAsync(new(token, RegisterTestHost.SampleSociety, "a@example.org", "A", "correct horse battery staple"), TestContext.Current.CancellationToken);

        var after = await RunAsync("setup-link", "--database", file);
        Assert.Equal(1, after.Code);
        Assert.Contains("already exists", after.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_provider_is_refused_with_a_message()
    {
        var (code, _, error) = await RunAsync("migrate", "--provider", "Postgres");
        Assert.Equal(2, code);
        Assert.Contains("ConnectionStrings:Register", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificates_writes_the_current_certificates_into_a_zip_or_a_folder()
    {
        var file = Path.Combine(_folder, "register.db");
        Assert.Equal(0, (await RunAsync("migrate", "--database", file)).Code);
        await using (var host = await RegisterTestHostOver(file))
        {
            var cancel = TestContext.Current.CancellationToken;
            var setup = host.Get<SetupService>();
            await setup.CompleteAsync(new((await setup.IssueTokenAsync(cancel))!, RegisterTestHost.SampleSociety, "a@example.org", "A", "correct horse battery staple"), cancel);
            var applications = host.Get<CoopRegister.Features.Registration.ApplicationService>();
            var site = new Uri("http://register.example.org/");
            var ids = new List<long>();
            foreach (var name in new[] { "Zoë Ó Briain", "Łukasz Żółkiewski" })
            {
                var s = await applications.SubmitAsync(CoopRegister.Features.Tests.Infrastructure.Applicants.Individual(name, name[..3].ToLowerInvariant() + "@example.org"), site, cancel);
                await applications.RecordPaymentAsync(CoopRegister.Features.Access.Actor.CommandLine("test"), s.Id, s.Amount.Pence,
                    DateOnly.FromDateTime(DateTime.UtcNow), CoopRegister.Domain.Applications.PaymentMethod.BankTransfer, null, cancel);
                ids.Add(s.Id);
            }

            await applications.AllotAsync(CoopRegister.Features.Access.Actor.CommandLine("test"), ids, DateOnly.FromDateTime(DateTime.UtcNow), site, cancel);
        }

        var zip = Path.Combine(_folder, "certs.zip");
        var (code, output, _) = await RunAsync("certificates", "--database", file, "--out", zip, "--url", "https://register.example.org");
        Assert.Equal(0, code);
        Assert.Contains("Wrote 2 certificates (every current certificate)", output, StringComparison.Ordinal);
        using (var archive = System.IO.Compression.ZipFile.OpenRead(zip))
        {
            Assert.Equal(2, archive.Entries.Count);
        }

        var csv = Path.Combine(_folder, "register.csv");
        var export = await RunAsync("export", "register", "--database", file, "--out", csv);
        Assert.Equal(0, export.Code);
        Assert.Contains("Wrote 2 rows", export.Out, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(csv, TestContext.Current.CancellationToken);
        Assert.Contains("Łukasz Żółkiewski", text, StringComparison.Ordinal);
        var bad = await RunAsync("export", "nonsense", "--database", file, "--out", csv);
        Assert.NotEqual(0, bad.Code);

        var folder = Path.Combine(_folder, "pdfs");
        Assert.Equal(0, (await RunAsync("certificates", "--database", file, "--out", folder, "--member", "2")).Code);
        var pdf = Assert.Single(Directory.GetFiles(folder, "*.pdf"));
        using var doc = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Contains("Łukasz Żółkiewski", doc.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_voter_roll_writes_a_meetings_roll_and_needs_the_meeting()
    {
        var file = Path.Combine(_folder, "register.db");
        Assert.Equal(0, (await RunAsync("migrate", "--database", file)).Code);
        var cli = CoopRegister.Features.Access.Actor.CommandLine("test");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        long meetingId;
        await using (var host = await RegisterTestHostOver(file))
        {
            var cancel = TestContext.Current.CancellationToken;
            var setup = host.Get<SetupService>();
            await setup.CompleteAsync(new((await setup.IssueTokenAsync(cancel))!, RegisterTestHost.SampleSociety, "a@example.org", "A", "correct horse battery staple"), cancel);
            var applications = host.Get<CoopRegister.Features.Registration.ApplicationService>();
            var s = await applications.SubmitAsync(CoopRegister.Features.Tests.Infrastructure.Applicants.Individual("Zoë Ó Briain", "zoe@example.org"), new Uri("http://register.example.org/"), cancel);
            await applications.RecordPaymentAsync(cli, s.Id, s.Amount.Pence, today, CoopRegister.Domain.Applications.PaymentMethod.BankTransfer, null, cancel);
            await applications.AllotAsync(cli, [s.Id], today, new Uri("http://register.example.org/"), cancel);
            var meetings = host.Get<CoopRegister.Features.Meetings.MeetingService>();
            meetingId = await meetings.CreateAsync(cli, new CoopRegister.Features.Meetings.MeetingForm
            {
                Title = "AGM",
                NoticeDate = today,
                VotingOpensAtUtc = today.ToDateTime(TimeOnly.MinValue),
                VotingClosesAtUtc = today.AddDays(20).ToDateTime(new TimeOnly(10, 0)),
                Sections = [new() { Name = "London", Date = today.AddDays(20), Place = "Marx Memorial Library" }],
            }, cancel);
            await meetings.TakeRollAsync(cli, meetingId, (await meetings.GetAsync(cli, meetingId, cancel))!.Version, cancel);
        }

        var csv = Path.Combine(_folder, "roll.csv");
        var export = await RunAsync("export", "voter-roll", "--meeting", meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--database", file, "--out", csv);
        Assert.Equal(0, export.Code);
        Assert.Contains("Wrote 1 rows", export.Out, StringComparison.Ordinal);
        Assert.Contains("Zoë Ó Briain", await File.ReadAllTextAsync(csv, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var missing = await RunAsync("export", "voter-roll", "--database", file, "--out", csv);
        Assert.Equal(2, missing.Code);
        Assert.Contains("needs --meeting", missing.Err, StringComparison.Ordinal);
    }

    private static Task<FileHost> RegisterTestHostOver(string file) => FileHost.CreateAsync(file);

    /// <summary>The feature services over an existing SQLite file, as the web app would see it.</summary>
    private sealed class FileHost : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly AsyncServiceScope _scope;

        private FileHost(ServiceProvider services)
        {
            _services = services;
            _scope = services.CreateAsyncScope();
        }

        public static Task<FileHost> CreateAsync(string file)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = $"Data Source={file}",
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddRegisterFeatures(configuration, Path.GetDirectoryName(file)!);
            services.AddRegisterIdentity();
            return Task.FromResult(new FileHost(services.BuildServiceProvider()));
        }

        public T Get<T>()
            where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

        public async ValueTask DisposeAsync()
        {
            await _scope.DisposeAsync();
            await _services.DisposeAsync();
        }
    }
}
