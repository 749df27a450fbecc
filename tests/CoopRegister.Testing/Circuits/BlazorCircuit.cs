using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoopRegister.Testing.Circuits;

/// <summary>
/// A Blazor Server circuit opened without a browser, as blazor.web.js opens one: the page is fetched (prerendered,
/// with the markers of its interactive components), a SignalR connection to /_blazor speaks "blazorpack", StartCircuit
/// and UpdateRootComponents hand the markers back, every render batch is read and acknowledged (OnRenderCompleted, or
/// the server stops rendering after a few unacknowledged batches), every JavaScript call the server makes is answered
/// as done, and browser events go to the renderer's DispatchEventAsync as the browser sends them.
/// <para>
/// It keeps, for each element with an id, the event handlers the render batches gave it. When a component renders
/// again, a handler made by a lambda gets a new id (the old one is disposed); the new one is taken from the
/// component's SetAttribute edits for the same event, in document order. A page whose component replaces the handlers
/// of several elements for one event in one render is matched up in that order, which is how the renderer emits them.
/// </para>
/// </summary>
public sealed partial class BlazorCircuit : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly HubConnection _connection;
    private readonly Uri _baseUri;
    private readonly object _gate = new();
    private readonly Dictionary<string, Tracked> _elements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string?>> _calls = new();
    private readonly List<(string Id, string Event, TaskCompletionSource Ready)> _waiters = [];
    private TaskCompletionSource<RenderBatch>? _nextBatch;
    private readonly TaskCompletionSource<long> _interop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextCallId;
    private int _order;
    private string? _circuitSecret;

    private BlazorCircuit(HttpClient http, HubConnection connection, Uri baseUri)
    {
        _http = http;
        _connection = connection;
        _baseUri = baseUri;
    }

    /// <summary>Render batches received so far.</summary>
    public int Batches { get; private set; }

    /// <summary>The last error the server reported through JS.Error, or why the connection closed.</summary>
    public string? Error { get; private set; }

    public bool IsConnected => _connection.State == HubConnectionState.Connected;

    /// <summary>
    /// Fetches <paramref name="page"/> with <paramref name="http"/> (whose cookies are <paramref name="cookies"/>),
    /// opens the circuit, and waits until the element <paramref name="readyElementId"/> has a handler for
    /// <paramref name="readyEvent"/> (the page has rendered interactively).
    /// </summary>
    public static async Task<BlazorCircuit> OpenAsync(HttpClient http, CookieContainer cookies, Uri page, string readyElementId, string readyEvent,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(page);
        using var response = await http.GetAsync(page, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {page} answered {(int)response.StatusCode} (expected 200: is the login signed in?).");
        }

        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        var markers = Markers().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(m => m["type"]?.GetValue<string>() is "server" && m["descriptor"] is not null)
            .OrderBy(m => m["sequence"]!.GetValue<int>())
            .ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{page} has no interactive server components to open a circuit for.");
        }

        var state = ServerState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        var baseUri = new Uri(page, "/");
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), o =>
            {
                o.Cookies = cookies;
                o.Transports = HttpTransportType.WebSockets;

                // Straight to the WebSocket: a browser negotiates over the connection it already holds to the page, but
                // this client's negotiation would open a connection of its own, which the server keeps alive, idle, for
                // two minutes and which would be counted as the circuit's memory.
                o.SkipNegotiation = true;
            });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        if (Environment.GetEnvironmentVariable("COOPREG_CIRCUIT_TRACE") == "1")
        {
            builder.ConfigureLogging(l => l.AddConsole().SetMinimumLevel(LogLevel.Debug));
        }
        var connection = builder.Build();

        // A loaded machine may delay the server's pings; the server's own timeout still applies to this client.
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        var circuit = new BlazorCircuit(http, connection, baseUri);
        circuit.Listen();
        try
        {
            await connection.StartAsync(cancellationToken);
            circuit._circuitSecret = await connection.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), page.ToString(), "[]", state, cancellationToken)
                                     ?? throw new InvalidOperationException($"The server refused to start a circuit: {circuit.Error}");

            var operations = new JsonArray();
            for (var i = 0; i < markers.Count; i++)
            {
                var marker = markers[i];
                marker["uniqueId"] = i;
                operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
            }

            var ready = circuit.WaitForAsync(readyElementId, readyEvent);
            await connection.SendAsync("UpdateRootComponents", new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString(), state,
                cancellationToken);
            await ready.WaitAsync(Timeout, cancellationToken);
            await circuit._interop.Task.WaitAsync(Timeout, cancellationToken);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Dispatches a browser event (e.g. "input" with <c>new { value = "17" }</c>) to the element's handler and waits for
    /// the render batch that answers it and for the handler to finish. Returns the time to that render batch.
    /// </summary>
    public async Task<(TimeSpan Elapsed, RenderBatch Batch)> DispatchAsync(string elementId, string eventName, object eventArgs, string? fieldValue,
        CancellationToken cancellationToken)
    {
        ulong handler;
        int componentId;
        var batch = new TaskCompletionSource<RenderBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!_elements.TryGetValue(elementId, out var element) || !element.Handlers.TryGetValue("on" + eventName, out handler))
            {
                throw new InvalidOperationException($"The page has no element '{elementId}' with an on{eventName} handler.");
            }

            componentId = element.ComponentId;
            _nextBatch = batch;
        }

        var callId = Interlocked.Increment(ref _nextCallId);
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[callId] = done;
        var descriptor = new JsonObject
        {
            ["eventHandlerId"] = handler,
            ["eventName"] = eventName,
            ["eventFieldInfo"] = fieldValue is null ? null : new JsonObject { ["componentId"] = componentId, ["fieldValue"] = fieldValue },
        };
        var args = new JsonArray(descriptor, JsonSerializer.SerializeToNode(eventArgs));
        var interop = await _interop.Task;
        var clock = Stopwatch.StartNew();
        await _connection.SendAsync("BeginInvokeDotNetFromJS", callId.ToString(CultureInfo.InvariantCulture), null, "DispatchEventAsync", interop,
            args.ToJsonString(), cancellationToken);
        try
        {
            // A handler that fails answers with an error and no render: report that rather than wait for the render.
            var first = await Task.WhenAny(batch.Task, done.Task).WaitAsync(Timeout, cancellationToken);
            if (first == done.Task && done.Task.IsFaulted)
            {
                await done.Task;
            }

            var rendered = await batch.Task.WaitAsync(Timeout, cancellationToken);
            var elapsed = clock.Elapsed;
            await done.Task.WaitAsync(Timeout, cancellationToken);
            return (elapsed, rendered);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No answer to the {eventName} event on '{elementId}' (handler {handler}) within {Timeout.TotalSeconds} s; "
                                       + $"handler finished: {done.Task.IsCompleted}; server error: {Error ?? "none"}.");
        }
    }

    /// <summary>Ends the circuit as a closing tab does (the disconnect beacon), then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_circuitSecret is { } secret && _connection.State == HubConnectionState.Connected)
        {
            try
            {
                using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("circuitId", secret)]);
                using var _ = await _http.PostAsync(new Uri(_baseUri, "_blazor/disconnect"), form);
            }
            catch (HttpRequestException)
            {
                // The server is gone already; closing the connection below is all there is left to do.
            }
        }

        await _connection.DisposeAsync();
    }

    private Task WaitForAsync(string elementId, string eventName)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((elementId, "on" + eventName, ready));
        }

        return ready.Task;
    }

    private void Listen()
    {
        _connection.On<long, byte[]>("JS.RenderBatch", async (id, data) =>
        {
            string? problem = null;
            try
            {
                Apply(RenderBatch.Read(id, data));
            }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                problem = e.Message;
            }

            await _connection.SendAsync("OnRenderCompleted", id, problem);
        });

        // JS.BeginInvokeJS(asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType): the circuit's own
        // calls (attaching the renderer, focusing, navigation) all succeed here with no result.
        _connection.On<long, string, string?, int, long, int>("JS.BeginInvokeJS", async (handle, identifier, argsJson, _, _, _) =>
        {
            if (identifier == "Blazor._internal.attachWebRendererInterop" && argsJson is not null)
            {
                var args = JsonNode.Parse(argsJson)!.AsArray();
                var reference = args.OfType<JsonObject>().FirstOrDefault(a => a.ContainsKey("__dotNetObject"));
                if (reference is not null)
                {
                    _interop.TrySetResult(reference["__dotNetObject"]!.GetValue<long>());
                }
            }

            if (handle != 0)
            {
                var handleText = handle.ToString(CultureInfo.InvariantCulture);
                await _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handleText},true,null]");
            }
        });
        _connection.On<string, bool, string?>("JS.EndInvokeDotNet", (callId, success, result) =>
        {
            if (_calls.TryRemove(long.Parse(callId, CultureInfo.InvariantCulture), out var call))
            {
                if (success)
                {
                    call.TrySetResult(result);
                }
                else
                {
                    call.TrySetException(new InvalidOperationException($"The event handler failed: {result}"));
                }
            }
        });
        _connection.On<string>("JS.Error", error => Fail(error));
        _connection.Closed += e =>
        {
            Fail(e?.Message ?? "The connection closed.");
            return Task.CompletedTask;
        };
    }

    private void Fail(string error)
    {
        Error = error;
        TaskCompletionSource<RenderBatch>? next;
        List<TaskCompletionSource> waiters;
        lock (_gate)
        {
            next = _nextBatch;
            waiters = _waiters.Select(w => w.Ready).ToList();
        }

        var failure = new InvalidOperationException($"The circuit failed: {error}");
        next?.TrySetException(failure);
        _interop.TrySetException(failure);
        foreach (var waiter in waiters)
        {
            waiter.TrySetException(failure);
        }

        foreach (var call in _calls.Values)
        {
            call.TrySetException(failure);
        }
    }

    private void Apply(RenderBatch batch)
    {
        var frames = batch.ReferenceFrames;
        if (Environment.GetEnvironmentVariable("COOPREG_CIRCUIT_TRACE") == "1")
        {
            Console.Error.WriteLine($"batch {batch.Id}: disposed handlers [{string.Join(",", batch.DisposedEventHandlerIds)}] components [{string.Join(",", batch.DisposedComponentIds)}]");
            foreach (var d in batch.Diffs)
            {
                Console.Error.WriteLine($"  diff c{d.ComponentId}: " + string.Join(" ", d.Edits.Select(e => $"{e.Kind}@{e.SiblingIndex}->{e.ReferenceFrameIndex}")));
            }

            for (var i = 0; i < frames.Count; i++)
            {
                if (frames[i].Kind is FrameKind.Element || frames[i].EventHandlerId != 0 || frames[i].Name == "id")
                {
                    Console.Error.WriteLine($"  f{i} {frames[i].Kind} {frames[i].Name} {frames[i].Value} h{frames[i].EventHandlerId} len{frames[i].SubtreeLength}");
                }
            }
        }

        var owner = new int[frames.Count];
        foreach (var diff in batch.Diffs)
        {
            foreach (var edit in diff.Edits.Where(e => e.Kind is EditKind.PrependFrame or EditKind.SetAttribute))
            {
                var end = Math.Min(frames.Count, edit.ReferenceFrameIndex + frames[edit.ReferenceFrameIndex].Length);
                for (var k = edit.ReferenceFrameIndex; k < end; k++)
                {
                    owner[k] = diff.ComponentId;
                }
            }
        }

        lock (_gate)
        {
            Batches++;
            foreach (var gone in _elements.Where(e => batch.DisposedComponentIds.Contains(e.Value.ComponentId)).Select(e => e.Key).ToList())
            {
                _elements.Remove(gone);
            }

            // Handlers replaced by a render of their component: matched up per diff (a component may render more than
            // once in a batch) and event, in document order, to the tracked handlers that the batch disposes.
            var disposed = batch.DisposedEventHandlerIds.ToHashSet();
            foreach (var diff in batch.Diffs)
            {
                foreach (var set in diff.Edits.Where(e => e.Kind == EditKind.SetAttribute)
                             .Select(e => frames[e.ReferenceFrameIndex])
                             .Where(f => f.EventHandlerId != 0 && f.Name is not null)
                             .GroupBy(f => f.Name!))
                {
                    var stale = _elements.Values
                        .Where(e => e.ComponentId == diff.ComponentId && e.Handlers.TryGetValue(set.Key, out var h) && disposed.Contains(h))
                        .OrderBy(e => e.Order)
                        .ToList();
                    foreach (var (element, frame) in stale.Zip(set))
                    {
                        element.Handlers[set.Key] = frame.EventHandlerId;
                    }
                }
            }

            // Elements (re)created by this batch, with the handlers on their attribute frames.
            for (var i = 0; i < frames.Count; i++)
            {
                if (frames[i].Kind != FrameKind.Element)
                {
                    continue;
                }

                string? id = null;
                var handlers = new Dictionary<string, ulong>(StringComparer.Ordinal);
                for (var j = i + 1; j < frames.Count && frames[j].Kind == FrameKind.Attribute; j++)
                {
                    if (frames[j].Name == "id")
                    {
                        id = frames[j].Value;
                    }
                    else if (frames[j].EventHandlerId != 0 && frames[j].Name is { } name)
                    {
                        handlers[name] = frames[j].EventHandlerId;
                    }
                }

                if (id is not null)
                {
                    _elements[id] = new Tracked(owner[i], _order++, handlers);
                }
            }

            foreach (var waiter in _waiters.Where(w => _elements.TryGetValue(w.Id, out var e) && e.Handlers.ContainsKey(w.Event)).ToList())
            {
                waiter.Ready.TrySetResult();
                _waiters.Remove(waiter);
            }

            _nextBatch?.TrySetResult(batch);
            _nextBatch = null;
        }
    }

    private sealed record Tracked(int ComponentId, int Order, Dictionary<string, ulong> Handlers);

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex ServerState();
}
