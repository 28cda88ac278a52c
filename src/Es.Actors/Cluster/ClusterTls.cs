using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Transport.DotNetty;

namespace Es.Actors.Cluster;

/// <summary>
/// Remoting over TLS that admits only the cluster's own nodes: both sides present a
/// certificate (mutual authentication) and each accepts only a peer whose certificate is its
/// own, pinned by thumbprint. Self-signed certificates work; a node with another certificate,
/// or none, cannot connect. Every node is given the same PKCS#12 file.
/// </summary>
public static class ClusterTls
{
    /// <summary>Reads the node's certificate and its private key.</summary>
    /// <exception cref="ArgumentException">The file is not a PKCS#12 file this password opens (the message names the file, never the password).</exception>
    public static X509Certificate2 LoadCertificate(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.Password);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new ArgumentException($"{tls.CertificatePath} holds no private key: a node needs its own key to present the certificate");
            }

            return certificate;
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"{tls.CertificatePath} cannot be opened as a PKCS#12 certificate with the password given ({e.Message})", e);
        }
    }

    /// <summary>The actor system's TLS set-up (Akka's <see cref="DotNettySslSetup"/>; it takes precedence over HOCON's <c>ssl</c> section).</summary>
    public static DotNettySslSetup Setup(TlsOptions tls)
    {
        var certificate = LoadCertificate(tls);
        return new DotNettySslSetup(
            certificate,
            suppressValidation: false,
            requireMutualAuthentication: true,
            customValidator: CertificateValidation.PinnedCertificate(certificate.Thumbprint));
    }
}
