using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EmailGuard.Gateway.Tests.Support;

/// <summary>A logger provider for a whole host: every entry with its category, event id and formatted text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, EventId Id, string Message)> Entries { get; } = new();

    /// <summary>Just the formatted texts.</summary>
    public IEnumerable<string> Messages => Entries.Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, EventId, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, eventId, formatter(state, exception)));
    }
}
