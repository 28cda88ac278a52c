using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Es.Node.Tests.Cluster;

/// <summary>Remoting over TLS (DotNetty's SSL with a PKCS#12 file): the cluster forms; a node without TLS, or with another certificate, does not join; the password is never printed.</summary>
public sealed class TlsClusterTests
{
    [Fact]
    public async Task SeedAndNodeWithCertificate_RunCompletes_PlainNodeAndOtherCertificateNeverJoin_PasswordNotLogged()
    {
        using var scene = ClusterScene.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        string password = "pw-" + Guid.NewGuid().ToString("N");
        string certificate = WriteCertificate(scene.Root, "node.pfx", password);
        string otherCertificate = WriteCertificate(scene.Root, "other.pfx", password); // same name and password, another key
        string passwordFile = Path.Combine(scene.Root, "password");
        await File.WriteAllTextAsync(passwordFile, password);
        var config = scene.WriteConfig(generations: 6, population: 128, candidatesPerTask: 4);
        var runDir = Path.Combine(scene.Root, "cluster");
        string seedAt = $"127.0.0.1:{ClusterScene.FreePort()}";
        string[] tls = ["--tls-certificate", certificate, "--tls-password-file", passwordFile];
        using var seed = HostProcess.Seed(scene.Environment, ["train", config, "--run-dir", runDir, "--listen", seedAt, "--workers", "0", .. tls]);
        Assert.NotNull(await seed.WaitForLineAsync(l => l.StartsWith("coordinating run", StringComparison.Ordinal), deadline.Token));
        using var plain = HostProcess.Node("plain", scene.Environment, "--seed-node", seedAt, "--workers", "1");
        using var impostor = HostProcess.Node("impostor", scene.Environment, ["--seed-node", seedAt, "--workers", "1", "--tls-certificate", otherCertificate, "--tls-password-file", passwordFile]);
        using var secure = HostProcess.Node("secure", scene.Environment, ["--seed-node", seedAt, "--workers", "1", .. tls]);

        var log = await seed.WaitForExitAsync(deadline.Token);
        Assert.True(seed.ExitCode == 0, log);
        var summary = ClusterScene.Summary(runDir);
        Assert.Equal(6, summary.GetProperty("generations_completed").GetInt32());
        Assert.Equal(1, summary.GetProperty("nodes_up").GetInt32() + summary.GetProperty("nodes_lost").GetInt32()); // the node with the cluster's certificate only
        var secureLog = await secure.WaitForExitAsync(deadline.Token);
        Assert.True(secure.ExitCode == 0, secureLog);
        await plain.KillHardAsync(deadline.Token); // it keeps trying to join: the seed never answers in plain TCP
        var plainLog = await plain.WaitForExitAsync(deadline.Token);
        Assert.DoesNotContain("up in the cluster", plainLog, StringComparison.Ordinal);
        await impostor.KillHardAsync(deadline.Token); // its handshakes are refused: it keeps trying
        var impostorLog = await impostor.WaitForExitAsync(deadline.Token);
        Assert.DoesNotContain("up in the cluster", impostorLog, StringComparison.Ordinal);
        Assert.DoesNotContain(password, impostorLog, StringComparison.Ordinal);
        Assert.DoesNotContain(password, log, StringComparison.Ordinal);
        Assert.DoesNotContain(password, secureLog, StringComparison.Ordinal);
    }

    /// <summary>A self-signed certificate with its private key, as a PKCS#12 file.</summary>
    private static string WriteCertificate(string directory, string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=es-cluster-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        string path = Path.Combine(directory, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    [Fact]
    public async Task WrongCertificatePassword_OneLineExitTwo_PasswordNotPrinted()
    {
        using var scene = ClusterScene.Start();
        string certificate = WriteCertificate(scene.Root, "node.pfx", "right-" + Guid.NewGuid().ToString("N"));
        string wrong = "wrong-" + Guid.NewGuid().ToString("N");
        string passwordFile = Path.Combine(scene.Root, "password");
        await File.WriteAllTextAsync(passwordFile, wrong);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var node = HostProcess.Node("node", scene.Environment, "--seed-node", "127.0.0.1:1", "--tls-certificate", certificate, "--tls-password-file", passwordFile);

        var log = await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 2, log);
        Assert.Contains("--tls-certificate", log, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, log, StringComparison.Ordinal);
    }
}
