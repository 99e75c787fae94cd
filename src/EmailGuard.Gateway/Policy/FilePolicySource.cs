using EmailGuard.Policy;
using EmailGuard.Policy.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Policy;

/// <summary>
/// The policy from the config directory, rebuilt when emailguard.json, a directory CSV or the safety lexicon
/// changes. Loads at construction and throws <see cref="PolicyConfigurationException"/> if that fails, so a broken config stops
/// start-up; later failures keep the last good policy, log why and set <see cref="LastReloadError"/>.
/// Changes are seen through a FileSystemWatcher (debounced, since editors write a file in several steps) and
/// by polling file sizes and timestamps, which catches what the watcher misses (network shares, overflow).
/// </summary>
public sealed class FilePolicySource : IPolicySource, IDisposable
{
    private readonly string _configDirectory;
    private readonly ILogger<FilePolicySource> _logger;
    private readonly PolicyFileWatchOptions _options;
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer _debounce;
    private readonly ITimer _poll;
    private readonly Lock _reloadGate = new();
    private readonly TimeProvider _time;
    private readonly IConfiguration? _overrides;
    private PolicyPipeline _current;
    private string? _lastReloadError;
    private PolicyFileFingerprint _fingerprint;

    /// <param name="overrides">Command-line settings laid over the file on every load (see <see cref="PolicyLoader.ReadPolicySection"/>).</param>
    public FilePolicySource(string configDirectory, ILogger<FilePolicySource> logger, TimeProvider? timeProvider = null,
        PolicyFileWatchOptions? options = null, IConfiguration? overrides = null)
    {
        _configDirectory = Path.GetFullPath(configDirectory);
        _logger = logger;
        _options = options ?? new PolicyFileWatchOptions();
        var time = timeProvider ?? TimeProvider.System;
        _time = time;
        _overrides = overrides;
        _fingerprint = PolicyFileFingerprint.Take(_configDirectory, _overrides);
        _current = PolicyLoader.Load(_configDirectory, _time, _overrides);
        PolicyLog.Loaded(_logger, _current.PupilCount, _current.StaffCount, _current.EnabledRuleCount);
        // Not forced: an editor's save can raise events after the debounce has already reloaded it, and reading
        // the same files twice only repeated the same log lines.
        _debounce = time.CreateTimer(_ => Reload(force: false), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _poll = time.CreateTimer(_ => Reload(force: false), null, _options.PollInterval, _options.PollInterval);
        _watcher = StartWatcher();
    }

    public PolicyPipeline Current => Volatile.Read(ref _current);

    /// <summary>Why the last reload was refused (all problems, one per line); null after a successful one.</summary>
    public string? LastReloadError => Volatile.Read(ref _lastReloadError);

    /// <summary>Raised after every reload attempt, on a timer thread.</summary>
    public event EventHandler<PolicyReloadEventArgs>? ReloadAttempted;

    /// <summary>Re-reads the files now, whether or not they look changed. Returns true when the new policy was taken.</summary>
    public bool Reload() => Reload(force: true);

    private bool Reload(bool force)
    {
        PolicyReloadEventArgs outcome;
        lock (_reloadGate)
        {
            var fingerprint = PolicyFileFingerprint.Take(_configDirectory, _overrides);
            if (!force && fingerprint == _fingerprint)
            {
                return false;
            }
            _fingerprint = fingerprint;
            try
            {
                var pipeline = PolicyLoader.Load(_configDirectory, _time, _overrides);
                Interlocked.Exchange(ref _current, pipeline);
                Volatile.Write(ref _lastReloadError, null);
                PolicyLog.Reloaded(_logger, pipeline.PupilCount, pipeline.StaffCount, pipeline.EnabledRuleCount);
                outcome = new PolicyReloadEventArgs(null);
            }
            catch (PolicyConfigurationException ex)
            {
                PolicyLog.ReloadRefused(_logger, ex.Errors.Count);
                foreach (var problem in ex.Errors)
                {
                    PolicyLog.Problem(_logger, problem);
                }
                var error = string.Join(Environment.NewLine, ex.Errors);
                Volatile.Write(ref _lastReloadError, error);
                outcome = new PolicyReloadEventArgs(error);
            }
        }
        ReloadAttempted?.Invoke(this, outcome);
        return outcome.Succeeded;
    }

    private FileSystemWatcher? StartWatcher()
    {
        try
        {
            var watcher = new FileSystemWatcher(_configDirectory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite
                    | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.Error += (_, e) => PolicyLog.WatchFailed(_logger, e.GetException());
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            PolicyLog.WatchFailed(_logger, ex);
            return null;
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        // Only our files matter; anything else in the config directory (the gateway's own state) is ignored.
        var name = Path.GetFileName(e.FullPath);
        if (name.Equals(PolicyLoader.ConfigFileName, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            || Directory.Exists(e.FullPath))
        {
            _debounce.Change(_options.Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce.Dispose();
        _poll.Dispose();
    }
}
