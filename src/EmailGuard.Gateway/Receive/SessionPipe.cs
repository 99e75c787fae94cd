using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer.IO;

namespace EmailGuard.Gateway.Receive;

/// <summary>
/// Our own duplex pipe for a client session (SmtpServer's is internal): over a <see cref="TimeoutStream"/>, with
/// TLS 1.2/1.3 on STARTTLS, and a hook that releases the session slot when SmtpServer disposes it.
/// Bytes a client pipelined after STARTTLS stay in the old reader and are dropped with it (CVE-2011-0411).
/// </summary>
internal sealed class SessionPipe : ISecurableDuplexPipe
{
    private readonly Action _onDispose;
    private readonly TimeoutStream _socket;
    private readonly StreamPipeReaderOptions _readerOptions;
    private Stream _stream;
    private int _disposed;

    public SessionPipe(TimeoutStream stream, Action onDispose, byte[] tooBigReply, MemoryPool<byte> pool)
    {
        _stream = stream;
        _onDispose = onDispose;
        _socket = stream;
        _readerOptions = new StreamPipeReaderOptions(pool, bufferSize: SegmentPool.SegmentSize, minimumReadSize: 4096, leaveOpen: true);
        Input = PipeReader.Create(new CommandLineLimit(stream, stream, RefuseAndClose), _readerOptions);
        Output = PipeWriter.Create(stream);
        stream.DataLimitExceeded = () => RefuseAndClose(tooBigReply);
    }

    public PipeReader Input { get; private set; }

    public PipeWriter Output { get; private set; }

    public bool IsSecure => _stream is SslStream;

    public SslProtocols SslProtocol => (_stream as SslStream)?.SslProtocol ?? SslProtocols.None;

    public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
    {
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: true);
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ClientCertificateRequired = false,
                EnabledSslProtocols = protocols,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, cancellationToken);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
        _stream = ssl;
        Input = PipeReader.Create(new CommandLineLimit(ssl, _socket, RefuseAndClose), _readerOptions);
        Output = PipeWriter.Create(ssl);
    }

    /// <summary>
    /// Mid-read the session is not writing, so nothing else writes: tell the client why and hang up, so the rest of
    /// an oversized message or line is never buffered.
    /// </summary>
    private void RefuseAndClose(byte[] reply)
    {
        try
        {
            _stream.Write(reply);
            _stream.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // The client is gone already.
        }
        Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Dispose();
            _socket.Dispose();
            _onDispose();
        }
    }
}
