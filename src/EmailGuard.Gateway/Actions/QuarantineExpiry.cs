using EmailGuard.Gateway.Spool;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Actions;

/// <summary>
/// Expires held messages past the retention, at start and then every <c>ExpiryCheckInterval</c> on the injected
/// <see cref="TimeProvider"/> (so tests drive it with a fake clock). Each sweep first puts back claims a crash left
/// unfinished, once they are older than <see cref="ClaimGrace"/>.
/// </summary>
public sealed class QuarantineExpiry(Quarantine quarantine, MessageSpool spool, Notices notices, ILogger<QuarantineExpiry> logger) : BackgroundService
{
    /// <summary>A reject takes milliseconds; a claim this old belongs to a process that died.</summary>
    public static readonly TimeSpan ClaimGrace = TimeSpan.FromMinutes(10);

    private int _sweeps;

    /// <summary>Completed sweeps, so tests can wait for one instead of sleeping.</summary>
    public int Sweeps => Volatile.Read(ref _sweeps);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(notices.Options.ExpiryCheckInterval, notices.Time);
        do
        {
            try
            {
                var restored = spool.RestoreClaims(notices.Time.GetUtcNow(), ClaimGrace);
                if (restored > 0)
                {
                    ActionLog.ClaimsRestored(logger, restored);
                }
                await quarantine.ExpireAsync(stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                ActionLog.SweepFailed(logger, e);
            }
            Interlocked.Increment(ref _sweeps);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
