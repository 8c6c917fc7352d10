using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Tests.Hosting;

/// <summary>
/// No Docker engine runs here, so the image is checked by doing what it does: the Dockerfile's own publish command,
/// environment, working directory, entry point and health check, run as a non-root user in the Production
/// environment with a data directory like the /data volume, bound to 0.0.0.0.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class PublishedImageTests(PublishedImageTests.PublishedPortal portal) : IClassFixture<PublishedImageTests.PublishedPortal>
{
    [Fact]
    public void Dockerfile_WhenRead_ThenRunsAsNonRootUserWithTheDataVolumeAndThePublishedPortal()
    {
        portal.Image.User.ShouldBe("$APP_UID");
        portal.Image.Volume.ShouldBe("/data");
        portal.Image.Environment["Portal__DataDirectory"].ShouldBe(portal.Image.Volume);
        portal.Image.EntryPoint.ShouldBe(["dotnet", $"{portal.Image.WorkingDirectory}/Portal.dll"]);
        portal.Image.HealthcheckCommand.ShouldBe([.. portal.Image.EntryPoint, "healthcheck"]);
    }

    [Fact]
    public async Task Healthz_WhenPublishedPortalRunsAsNonRootUser_ThenReportsHealthy()
    {
        using var response = await portal.Http.GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task HealthcheckVerb_WhenRunAsTheImageDoes_ThenExitsZeroWhilePortalAnswersAndOneWhenNothingListens()
    {
        var healthy = await portal.RunAsUserAsync(portal.Image.HealthcheckCommand, portal.ImageEnvironment);
        healthy.ExitCode.ShouldBe(0, healthy.Output);
        healthy.Output.ShouldContain("Healthy");

        var nothingListens = await portal.RunAsUserAsync(
            [.. portal.Image.HealthcheckCommand, "--url", $"http://127.0.0.1:{PublishedPortal.FreePort()}"], portal.ImageEnvironment);
        nothingListens.ExitCode.ShouldBe(1, nothingListens.Output);
        nothingListens.Output.ShouldContain("Unhealthy");
    }

    [Fact]
    public async Task DataDirectory_WhenPortalHasStarted_ThenHoldsDatabaseAndKeyCertificateOwnedByTheUser()
    {
        var database = Path.Combine(portal.DataDirectory, "portal.db");
        var certificate = Path.Combine(portal.DataDirectory, "keys", "dataprotection.pfx");

        File.Exists(database).ShouldBeTrue();
        File.Exists(certificate).ShouldBeTrue();
        (await portal.OwnerAsync(database)).ShouldBe(portal.UserName);
        (await portal.OwnerAsync(certificate)).ShouldBe(portal.UserName);
        // The key that protects the key ring is readable by its owner only.
        File.GetUnixFileMode(certificate).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Root_WhenNoUserExists_ThenRedirectsToSetup()
    {
        using var response = await portal.Http.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/setup");
    }

    [Fact]
    public async Task StaticAssets_WhenProduction_ThenMudBlazorAndEveryStylesheetOfTheSetupPageAreServed()
    {
        using var mudBlazor = await portal.Http.GetAsync("/_content/MudBlazor/MudBlazor.min.css");
        mudBlazor.StatusCode.ShouldBe(HttpStatusCode.OK);
        mudBlazor.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        (await mudBlazor.Content.ReadAsStringAsync()).ShouldContain(".mud-button");

        // The page links fingerprinted copies of the stylesheets: each must resolve in the published output.
        var setup = await portal.Http.GetStringAsync("/setup");
        var stylesheets = StylesheetLink().Matches(setup).Select(m => m.Groups["href"].Value).ToList();
        stylesheets.ShouldContain(href => href.Contains("MudBlazor"));
        stylesheets.ShouldContain(href => href.Contains("app"));
        foreach (var href in stylesheets)
        {
            using var response = await portal.Http.GetAsync("/" + href.TrimStart('/'));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, href);
        }
    }

    [Fact]
    public async Task Stop_WhenTheContainerIsStopped_ThenPortalShutsDownCleanly()
    {
        // docker stop sends SIGTERM; the portal must finish its requests and exit 0 rather than be killed.
        var dataDirectory = portal.NewDataDirectory();
        var port = PublishedPortal.FreePort();
        using var process = portal.StartAsUser(portal.Image.EntryPoint, portal.EnvironmentFor(dataDirectory, port), out var output);
        try
        {
            await PublishedPortal.WaitUntilHealthyAsync(process, port, output);

            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);

            process.ExitCode.ShouldBe(0, output.ToString());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex("""<link rel="stylesheet" href="(?<href>[^"]+)" />""")]
    private static partial Regex StylesheetLink();

    /// <summary>The final stage of the Dockerfile, as far as running it is concerned.</summary>
    public sealed record ImageDefinition(
        string PublishArguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment, string User, string Volume,
        string[] EntryPoint, string[] HealthcheckCommand)
    {
        public static ImageDefinition Read(string dockerfile)
        {
            // Continuation lines joined, comments dropped; only the runtime stage (after the last FROM) describes the container.
            var instructions = File.ReadAllText(dockerfile).Replace("\\\n", " ").Split('\n')
                .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            var publish = instructions.Single(l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal))["RUN dotnet publish ".Length..];
            var runtime = instructions[instructions.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal))..];

            string Argument(string instruction) => runtime.Last(l => l.StartsWith(instruction + " ", StringComparison.Ordinal))[(instruction.Length + 1)..].Trim();

            var environment = runtime.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal))
                .SelectMany(l => l[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair[1]);
            var healthcheck = Argument("HEALTHCHECK");
            return new ImageDefinition(
                publish,
                Argument("WORKDIR"),
                environment,
                Argument("USER"),
                Argument("VOLUME"),
                JsonSerializer.Deserialize<string[]>(Argument("ENTRYPOINT"))!,
                JsonSerializer.Deserialize<string[]>(healthcheck[(healthcheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..])!);
        }
    }

    /// <summary>Publishes once for the class and runs the published portal as the image would, until the class is done.</summary>
    public sealed class PublishedPortal : IAsyncLifetime
    {
        // CI runs as root; the image runs as the unprivileged "app" user. Here "nobody" plays that part.
        private const string UnprivilegedUser = "nobody";
        private const string UnprivilegedGroup = "nogroup";

        private readonly string _root = Directory.CreateTempSubdirectory("wooportal-image-").FullName;
        private readonly StringBuilder _output = new();
        private Process? _server;

        public ImageDefinition Image { get; } = ImageDefinition.Read(Path.Combine(RepositoryRoot(), "Dockerfile"));

        public string AppDirectory => Path.Combine(_root, "app");

        public string HomeDirectory => Path.Combine(_root, "home");

        public string DataDirectory { get; private set; } = "";

        public int Port { get; private set; }

        public HttpClient Http { get; private set; } = new();

        public IReadOnlyDictionary<string, string> ImageEnvironment => EnvironmentFor(DataDirectory, Port);

        /// <summary>The account the portal runs as: "nobody" when the tests run as root, else the current user.</summary>
        public string UserName => Environment.IsPrivilegedProcess ? UnprivilegedUser : Environment.UserName;

        public async Task InitializeAsync()
        {
            // Every directory on the way must be enterable by the unprivileged user (temp folders are created 0700).
            File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
            Directory.CreateDirectory(HomeDirectory);
            await ChownAsync(HomeDirectory);

            var project = Path.Combine(RepositoryRoot(), Image.PublishArguments.Split(' ')[0]);
            var arguments = Image.PublishArguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(a => a == "/app" ? AppDirectory : a).ToList();
            var publish = await RunAsync(DotnetHost(), ["publish", project, .. arguments], currentUser: true,
                new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, TimeSpan.FromMinutes(5));
            publish.ExitCode.ShouldBe(0, publish.Output);
            File.Exists(Path.Combine(AppDirectory, "Portal.dll")).ShouldBeTrue();

            DataDirectory = NewDataDirectory();
            Port = FreePort();
            _server = StartAsUser(Image.EntryPoint, ImageEnvironment, out var output);
            await WaitUntilHealthyAsync(_server, Port, output);
            Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{Port}"),
            };
        }

        /// <summary>An empty directory playing the /data volume, owned by the unprivileged user as the Dockerfile arranges.</summary>
        public string NewDataDirectory()
        {
            var directory = Path.Combine(_root, "data-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(directory);
            ChownAsync(directory).GetAwaiter().GetResult();
            return directory;
        }

        /// <summary>The Dockerfile's environment with the volume and the port mapped to this machine; nothing inherited.</summary>
        public IReadOnlyDictionary<string, string> EnvironmentFor(string dataDirectory, int port)
        {
            var environment = new Dictionary<string, string>
            {
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
                ["HOME"] = HomeDirectory,
                ["DOTNET_CLI_HOME"] = HomeDirectory,
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
            };
            foreach (var (key, value) in Image.Environment)
            {
                environment[key] = value.Replace(Image.Volume, dataDirectory).Replace(":8080", $":{port}");
            }

            environment.GetValueOrDefault("Portal__DataDirectory").ShouldBe(dataDirectory, "the Dockerfile must point the data directory at the volume");
            environment.GetValueOrDefault("ASPNETCORE_URLS").ShouldBe($"http://0.0.0.0:{port}", "the Dockerfile must bind every interface");
            return environment;
        }

        public Process StartAsUser(string[] command, IReadOnlyDictionary<string, string> environment, out StringBuilder output)
        {
            output = new StringBuilder();
            var captured = output;
            var process = new Process { StartInfo = StartInfo(ImageCommand(command), currentUser: false, environment) };
            process.OutputDataReceived += (_, e) => Append(captured, e.Data);
            process.ErrorDataReceived += (_, e) => Append(captured, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        public Task<(int ExitCode, string Output)> RunAsUserAsync(string[] command, IReadOnlyDictionary<string, string> environment)
        {
            var resolved = ImageCommand(command);
            return RunAsync(resolved[0], resolved[1..], currentUser: false, environment, TimeSpan.FromSeconds(60));
        }

        public static async Task WaitUntilHealthyAsync(Process process, int port, StringBuilder output)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                process.HasExited.ShouldBeFalse($"The published portal exited with {(process.HasExited ? process.ExitCode : 0)}:\n{output}");
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Listening but still starting.
                }

                await Task.Delay(250);
            }

            throw new TimeoutException($"The published portal did not become healthy within 90 s:\n{output}");
        }

        public static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Any, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async Task<string> OwnerAsync(string path)
        {
            var (exitCode, output) = await RunAsync("stat", ["-c", "%U", path], currentUser: true, new Dictionary<string, string>(), TimeSpan.FromSeconds(10));
            exitCode.ShouldBe(0, output);
            return output.Trim();
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            if (_server is { HasExited: false })
            {
                _server.Kill(entireProcessTree: true);
                await _server.WaitForExitAsync();
            }

            _server?.Dispose();
            Directory.Delete(_root, recursive: true);
        }

        /// <summary>The image's command with /app mapped to the publish folder and "dotnet" to this machine's host.</summary>
        private string[] ImageCommand(string[] command) =>
            command.Select((part, i) => i == 0 && part == "dotnet" ? DotnetHost()
                : part.StartsWith(Image.WorkingDirectory + "/", StringComparison.Ordinal) ? AppDirectory + part[Image.WorkingDirectory.Length..]
                : part).ToArray();

        private ProcessStartInfo StartInfo(string[] command, bool currentUser, IReadOnlyDictionary<string, string> environment)
        {
            var start = new ProcessStartInfo
            {
                // The image's WORKDIR for the portal; helpers run before the publish exists.
                WorkingDirectory = currentUser ? _root : AppDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (!currentUser && Environment.IsPrivilegedProcess)
            {
                start.FileName = "setpriv";
                foreach (var argument in new[] { $"--reuid={UnprivilegedUser}", $"--regid={UnprivilegedGroup}", "--clear-groups", "--" })
                {
                    start.ArgumentList.Add(argument);
                }

                start.ArgumentList.Add(command[0]);
            }
            else
            {
                start.FileName = command[0];
            }

            foreach (var argument in command[1..])
            {
                start.ArgumentList.Add(argument);
            }

            if (!currentUser)
            {
                start.Environment.Clear();
            }

            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            return start;
        }

        private async Task<(int ExitCode, string Output)> RunAsync(
            string fileName, string[] arguments, bool currentUser, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
        {
            var output = new StringBuilder();
            using var process = new Process { StartInfo = StartInfo([fileName, .. arguments], currentUser, environment) };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
            }

            // The asynchronous readers may still be flushing the last lines.
            process.WaitForExit();
            return (process.ExitCode, output.ToString());
        }

        private async Task ChownAsync(string path)
        {
            if (!Environment.IsPrivilegedProcess)
            {
                return;
            }

            var (exitCode, output) = await RunAsync("chown", [$"{UnprivilegedUser}:{UnprivilegedGroup}", path], currentUser: true,
                new Dictionary<string, string>(), TimeSpan.FromSeconds(10));
            exitCode.ShouldBe(0, output);
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        /// <summary>The dotnet host running these tests, so the portal runs on the same runtime.</summary>
        private static string DotnetHost() =>
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        private static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "WooPortal.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No WooPortal.sln above {AppContext.BaseDirectory}.");
        }
    }
}
