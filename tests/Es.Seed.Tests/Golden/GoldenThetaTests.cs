using Es.Seed.Tests.Cli;

namespace Es.Seed.Tests.Golden;

// Golden θ: the theta_sha256 every shipped config reaches after a fixed number of generations,
// recorded from the pre-Akka.NET runtime (commit 8fc1d74). They pin the contract "a run's θ depends
// on its resolved configuration alone" across the replacement of the actor runtime: a new runtime
// that schedules, batches or retries differently must still land on these exact bits.
// The runs read the real files in config/, so an edit to a shipped config fails here too. The
// hashes change only deliberately (a config edit or an intended change to the maths), and then
// together with a note in the commit saying why; never to make a red run green.
public sealed class GoldenThetaTests : IDisposable
{
    private const string CartPoleAtTen = "a59bc061e1096119cd1915a1cf67036423ea437fa452209fb5c50a9f6f1b7f00";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    // Generations are small so the whole class stays within seconds; the black-box functions are
    // cheap per generation and run longer. Acrobot-v1 is solved by the evaluation at generation 5
    // and stops there (evaluation.stop_when_solved), so its hash also pins the solved stop.
    [Theory]
    [InlineData("ackley", 10, 10, "070ce7c3ebd1098a0a384f95cca42b0466a72410a8f0ce4e58488c1c4503e995")]
    [InlineData("acrobot", 10, 5, "f72dc3ac6516fd2fa806a150614c0b5cee96502d838997f228659a9dbff3958e")]
    [InlineData("cartpole", 10, 10, CartPoleAtTen)]
    [InlineData("catch", 10, 10, "f248214ceacc3c2ccac0164e153da3d574dc0b851015388e9f2f553d9e6e87e7")]
    [InlineData("mountaincar-continuous", 10, 10, "516f8deff3c82568a6437741513e201ebc6f072c50b57e62dceb53b219602341")]
    [InlineData("mountaincar", 10, 10, "31c918869bf42cb294b934b3532021279e891776556ca62ea49456c8a12887dd")]
    [InlineData("pendulum", 10, 10, "aac8db3ead07b1e7a7cb45721744af6d67f0b956f927db0e06211aa32d847c38")]
    [InlineData("quadratic", 20, 20, "759c86775d86f77de39f2eff36471df960e81988a935bd01f35252feea90206d")]
    [InlineData("rastrigin", 10, 10, "f90cf17140c2991f6b2f0715ffc740639383985a82d28c8da6273cb207f9ff2b")]
    [InlineData("rosenbrock", 20, 20, "7a90c656636417b168d9f81569d7eaa2ef0f62b049e61134dac4cb65cf90489c")]
    [InlineData("sphere", 20, 20, "72727dfde731a3f2ea2ea08d6663b0908383e86a96181f16992f037b9fa1d67f")]
    public async Task Train_ShippedConfigAtFixedGenerations_RecordedThetaHash(string config, int generations, int expectedCompleted, string expectedHash)
    {
        var summary = await TrainAsync(config, generations, "--workers", "2");

        Assert.Equal(expectedHash, summary.GetProperty("theta_sha256").GetString());
        Assert.Equal(expectedCompleted, summary.GetProperty("generations_completed").GetInt32());
    }

    // The MuJoCo tasks (recorded after the move to Akka.NET, when they were added) run a whole
    // population of 1000-step episodes per generation: two generations of eight candidates and
    // one evaluation episode keep the class quick while still pinning model, engine and config.
    [Theory]
    [InlineData("inverted-pendulum", "440513a253aa99dc3e738703ee4eec1dfca3ef94709c7cab93540be0c2486c01")]
    [InlineData("inverted-double-pendulum", "247643010d132362a07001c9f13eec4edcc08a98c92a196aee07d8803672a11f")]
    [InlineData("swimmer", "68d7346d9853518994ebf4f3f9f61b5109abdc0b1bc2825d4f69b262d05736ee")]
    [InlineData("swimmer-ars", "daf16ae0635ff4470e0d3aea81ca1e297e159ceb48a7c6a2a7976a9384faa9f0")]
    [InlineData("hopper", "3050c6342d49e004e12e622b7b995881fc331a3d4a3fc98f5313293800a2d67a")]
    [InlineData("hopper-ars", "5ee3267e686d190d420ed18ed4b45565189ca55ce4a755f7cc1e18ff4575b23b")]
    [InlineData("half-cheetah", "407c667ca957c6a930c1495797f4ddb8f44e394560a3b12ae7696365c5f5d41f")]
    [InlineData("half-cheetah-ars", "6432ebaded01c13798ff63ff8affe6a00d765107e15ce28b40706ea7f18de16e")]
    [InlineData("walker2d", "71b9b5ce61299c669cf182576282768f5f826127f855d29a217f23857462ecad")]
    [InlineData("walker2d-ars", "4412cdddeba84a5c37cd4770d78c6062ba7b4f10d1f0135c76c9a0519442e262")]
    [InlineData("ant", "44add8a608d9d47cdff992a97d5c4cd72ac79cbcd0ce86768bc93e3b48cebd59")]
    [InlineData("ant-ars", "905ddc75d7a703e3a9e7b5334e43690bbf5f5fae3b9183dbd0434e75e1dbaa09")]
    [InlineData("humanoid", "137c75f5a4481623c3a1919e75c971cd2d5b8bd0eed4f006f5738e9200b30295")]
    [InlineData("humanoid-ars", "673356e2ac75af15825603312c6d6032a53b6d12349cc7f382f498024bc7b511")]
    public async Task Train_MuJoCoConfigShrunk_RecordedThetaHash(string config, string expectedHash)
    {
        var summary = await TrainAsync(config, 2, "--workers", "2", "--set", "strategy.population=8", "--set", "evaluation.episodes=1");

        Assert.Equal(expectedHash, summary.GetProperty("theta_sha256").GetString());
    }

    [Fact]
    public async Task Train_CartPoleWithOneWorker_RecordedThetaHash()
    {
        // The theory runs two evaluators; one must reach the same bits (work split never shows in θ).
        var summary = await TrainAsync("cartpole", 10, "--workers", "1");

        Assert.Equal(CartPoleAtTen, summary.GetProperty("theta_sha256").GetString());
    }

    [Fact]
    public async Task Train_CartPoleWithEvaluatorCrashes_RecordedThetaHash()
    {
        var summary = await TrainAsync("cartpole", 10, "--workers", "2", "--set", "chaos.evaluator_crash_rate=0.1");

        Assert.Equal(CartPoleAtTen, summary.GetProperty("theta_sha256").GetString());
        // Without restarts the chaos never happened and the equality above would prove nothing.
        Assert.True(summary.GetProperty("evaluator_restarts").GetInt64() > 0);
        Assert.Equal(0, summary.GetProperty("candidates_failed").GetInt64());
    }

    [Fact]
    public void ShippedConfigs_EachHasAGoldenHash()
    {
        // A config added to config/ without a golden row would leave its θ unpinned.
        var covered = new[] { nameof(Train_ShippedConfigAtFixedGenerations_RecordedThetaHash), nameof(Train_MuJoCoConfigShrunk_RecordedThetaHash) }
            .Select(name => typeof(GoldenThetaTests).GetMethod(name)!)
            .SelectMany(theory => theory.GetCustomAttributes(typeof(InlineDataAttribute), inherit: false)
                .Cast<InlineDataAttribute>()
                .Select(row => (string)row.GetData(theory).Single()[0]))
            .Order(StringComparer.Ordinal);
        var shipped = Directory.EnumerateFiles(ConfigDirectory(), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(shipped, covered);
    }

    private async Task<System.Text.Json.JsonElement> TrainAsync(string config, int generations, params string[] options)
    {
        var runDir = Path.Combine(_cli.Root, "run");
        string[] args = ["train", Path.Combine(ConfigDirectory(), config + ".json"), "--generations", generations.ToString(System.Globalization.CultureInfo.InvariantCulture), "--run-dir", runDir, .. options];

        Assert.Equal(0, await _cli.RunAsync(args));
        return CliRunner.ReadJson(Path.Combine(runDir, "summary.json"));
    }

    private static string ConfigDirectory()
    {
        // The shipped files themselves, not copies: the test binaries live below the repository root.
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EsAkka.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("EsAkka.sln not found above the test binaries"), "config");
    }
}
