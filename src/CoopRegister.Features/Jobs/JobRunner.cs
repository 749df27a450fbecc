using System.Collections.Concurrent;
using CoopRegister.Domain;
using CoopRegister.Features.Access;
using Microsoft.Extensions.Logging;

namespace CoopRegister.Features.Jobs;

public enum JobState
{
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>What a page shows of a long piece of work: its progress, and its file once done.</summary>
public sealed record JobStatus(Guid Id, string Title, JobState State, int Done, int? Total, string? Message, string FileName, string ContentType,
    DateTime StartedAt, DateTime? FinishedAt, long? Bytes);

/// <summary>
/// Long work (bulk certificates and statements, large exports, imports) runs here, off the page's connection, writing
/// its result to a file under <c>data/jobs</c> that is downloaded through an authorized endpoint, not pushed through the
/// circuit (architecture.md). Progress is reported as it goes and the work can be cancelled. Only the person who started
/// a job sees it. Jobs live in this server's memory: with several web servers, sticky sessions keep a person on one.
/// </summary>
public sealed class JobRunner(JobOptions options, TimeProvider clock, ILogger<JobRunner> logger) : IDisposable
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();

    /// <summary>Raised (on a worker thread) whenever a job's progress or state changes.</summary>
    public event Action<Guid>? Changed;

    public Guid Start(Actor owner, string title, string fileName, string contentType, int? total,
        Func<Stream, IProgress<int>, CancellationToken, Task<int>> work)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(work);
        Directory.CreateDirectory(options.Directory);
        Sweep();
        var job = new Job(Guid.NewGuid(), OwnerKey(owner), title, fileName, contentType, total, clock.GetUtcNow().UtcDateTime, options.Directory);
        _jobs[job.Id] = job;
        var progress = new Progress(this, job);
        _ = Task.Run(() => RunAsync(job, work, progress));
        return job.Id;
    }

    public JobStatus? Get(Guid id, Actor requester) => _jobs.TryGetValue(id, out var job) && job.Owner == OwnerKey(requester) ? job.Status() : null;

    public IReadOnlyList<JobStatus> ListMine(Actor requester) =>
        _jobs.Values.Where(j => j.Owner == OwnerKey(requester)).OrderByDescending(j => j.StartedAt).Select(j => j.Status()).ToList();

    public bool Cancel(Guid id, Actor requester)
    {
        if (_jobs.TryGetValue(id, out var job) && job.Owner == OwnerKey(requester) && job.State == JobState.Running)
        {
            job.Cancellation.Cancel();
            return true;
        }

        return false;
    }

    /// <summary>The finished file of the requester's own job, or null.</summary>
    public (Stream Content, string FileName, string ContentType)? OpenResult(Guid id, Actor requester)
    {
        if (!_jobs.TryGetValue(id, out var job) || job.Owner != OwnerKey(requester) || job.State != JobState.Completed || !File.Exists(job.Path))
        {
            return null;
        }

        return (new FileStream(job.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan), job.FileName, job.ContentType);
    }

    public void Dispose()
    {
        foreach (var job in _jobs.Values)
        {
            job.Cancellation.Cancel();
            job.Cancellation.Dispose();
        }
    }

    private async Task RunAsync(Job job, Func<Stream, IProgress<int>, CancellationToken, Task<int>> work, IProgress<int> progress)
    {
        var partial = job.Path + ".part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                job.Done = await work(file, progress, job.Cancellation.Token);
            }

            File.Move(partial, job.Path, overwrite: true);
            job.Finish(JobState.Completed, null, clock.GetUtcNow().UtcDateTime, new FileInfo(job.Path).Length);
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
        {
            job.Finish(JobState.Cancelled, "Cancelled: nothing was kept.", clock.GetUtcNow().UtcDateTime, null);
        }
        catch (Exception ex) when (ex is DomainException or ConflictException or AccessDeniedException)
        {
            job.Finish(JobState.Failed, ex.Message, clock.GetUtcNow().UtcDateTime, null);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
        {
            logger.LogError(ex, "Job {Title} failed", job.Title);
            job.Finish(JobState.Failed, $"It failed: {ex.Message}", clock.GetUtcNow().UtcDateTime, null);
        }
        finally
        {
            if (job.State != JobState.Completed && File.Exists(partial))
            {
                File.Delete(partial);
            }

            Changed?.Invoke(job.Id);
        }
    }

    /// <summary>Forgets jobs and deletes files older than <see cref="KeepFor"/>.</summary>
    private void Sweep()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - KeepFor;
        foreach (var old in _jobs.Values.Where(j => j.State != JobState.Running && j.StartedAt < cutoff).ToList())
        {
            _jobs.TryRemove(old.Id, out _);
            TryDelete(old.Path);
        }

        foreach (var file in Directory.EnumerateFiles(options.Directory))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff && !_jobs.Values.Any(j => file.StartsWith(j.Path, StringComparison.Ordinal)))
            {
                TryDelete(file);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Still being read by a download; the next sweep takes it.
        }
    }

    private static string OwnerKey(Actor actor) => actor.IsCommandLine ? "command-line" : actor.UserId ?? throw new AccessDeniedException("Please sign in first.");

    private sealed class Progress(JobRunner runner, Job job) : IProgress<int>
    {
        public void Report(int value)
        {
            job.Done = value;
            runner.Changed?.Invoke(job.Id);
        }
    }

    private sealed class Job(Guid id, string owner, string title, string fileName, string contentType, int? total, DateTime startedAt, string directory)
    {
        private readonly Lock _gate = new();

        public Guid Id { get; } = id;
        public string Owner { get; } = owner;
        public string Title { get; } = title;
        public string FileName { get; } = fileName;
        public string ContentType { get; } = contentType;
        public int? Total { get; } = total;
        public DateTime StartedAt { get; } = startedAt;
        public CancellationTokenSource Cancellation { get; } = new();
        public string Path { get; } = System.IO.Path.Combine(directory, id.ToString("N"));
        private int _done;

        public JobState State { get; private set; } = JobState.Running;
        public string? Message { get; private set; }
        public DateTime? FinishedAt { get; private set; }
        public long? Bytes { get; private set; }

        public int Done
        {
            get => Volatile.Read(ref _done);
            set => Volatile.Write(ref _done, value);
        }

        public void Finish(JobState state, string? message, DateTime at, long? bytes)
        {
            lock (_gate)
            {
                State = state;
                Message = message;
                FinishedAt = at;
                Bytes = bytes;
            }
        }

        public JobStatus Status()
        {
            lock (_gate)
            {
                return new JobStatus(Id, Title, State, Done, Total, Message, FileName, ContentType, StartedAt, FinishedAt, Bytes);
            }
        }
    }
}

/// <summary>Where job results are written: <c>data/jobs</c> under the content root unless configured.</summary>
public sealed record JobOptions(string Directory);
