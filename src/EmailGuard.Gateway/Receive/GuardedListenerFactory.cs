using System.Net;
using EmailGuard.Gateway.Options;
using Microsoft.Extensions.Logging;
using SmtpServer;
using SmtpServer.Net;

namespace EmailGuard.Gateway.Receive;

/// <summary>Creates a <see cref="GuardedEndpointListener"/> per endpoint and reports where each one bound.</summary>
internal sealed class GuardedListenerFactory(SmtpOptions options, SessionLimiter limiter, TimeProvider time, ILogger logger, int expected) : IEndpointListenerFactory
{
    private readonly List<IPEndPoint> _bound = [];
    private readonly TaskCompletionSource<IReadOnlyList<IPEndPoint>> _allBound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<IPEndPoint>> AllBound => _allBound.Task;

    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        GuardedEndpointListener listener;
        try
        {
            listener = new GuardedEndpointListener(endpointDefinition.Endpoint, options, limiter, time, logger);
        }
        catch (Exception e)
        {
            _allBound.TrySetException(e);
            throw;
        }
        ReceiveLog.Listening(logger, listener.LocalEndpoint);
        lock (_bound)
        {
            _bound.Add(listener.LocalEndpoint);
            if (_bound.Count == expected)
            {
                _allBound.TrySetResult(_bound.ToList());
            }
        }
        return listener;
    }
}
