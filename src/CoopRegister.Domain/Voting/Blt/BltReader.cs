using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CoopRegister.Domain.Voting.Counting;
using static System.FormattableString;

namespace CoopRegister.Domain.Voting.Blt;

/// <summary>
/// Reads ballots in the BLT format of Hill, Wichmann &amp; Woodall (Algorithm 123), which every STV counter reads:
/// <code>
/// 9 4                 candidates and seats
/// -2                  optional: withdrawn candidates
/// 149 1 3 0           weight, preferences, 0
/// 0                   end of ballots
/// "Nina Baker"        one name per candidate
/// "Title"
/// </code>
/// Files found in the wild deviate, and these deviations are accepted (voting.md): names without quotes; names given
/// only in <c># ALTERNATIVE NAME i: ...</c> comments; <c>#</c>, <c>//</c> and <c>/* */</c> comments; quotes doubled
/// inside a name; a second quoted string on a name line (the party); commas between numbers; equal preferences written
/// <c>2=5</c>; a file that is not valid UTF-8 (read as Windows-1252, with a warning) and names encoded to UTF-8 twice
/// (repaired, with a warning). Anything else is rejected with a <see cref="BltFormatException"/> naming the line and
/// column. Candidate numbers in the file count from 1; the <see cref="Contest"/> counts from 0.
/// </summary>
public static partial class BltReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    /// <summary>Characters that need the careful path: quotes, comment starts and control characters other than tab.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "\"#/\u007F" + new string(Enumerable.Range(0, 32).Where(c => c != '\t').Select(c => (char)c).ToArray())
        + new string(Enumerable.Range(0x80, 32).Select(c => (char)c).ToArray()));

    public static BltImport Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Parser(text).Parse([]);
    }

    public static BltImport Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>
    /// Reads raw bytes: UTF-8 (with or without a byte-order mark), or, when the bytes are not valid UTF-8, Windows-1252,
    /// the encoding older Windows tools wrote, with a warning naming the first byte that was not UTF-8.
    /// </summary>
    public static BltImport Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        string text;
        var warnings = new List<string>();
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var bad = ex.Index >= 0 ? ex.Index : FirstInvalidUtf8(bytes);
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < bad && i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            text = Windows1252().GetString(bytes);
            warnings.Add(Invariant($"The file is not valid UTF-8 (line {line}, byte {bad - lineStart + 1}); it was read as Windows-1252. Check the candidates' names."));
        }

        return new Parser(text).Parse(warnings);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var decoder = StrictUtf8.GetDecoder();
        var chars = new char[4];
        for (var i = 0; i < bytes.Length; i++)
        {
            try
            {
                decoder.GetChars(bytes.Slice(i, 1), chars, flush: false);
            }
            catch (DecoderFallbackException)
            {
                return i;
            }
        }

        return bytes.Length;
    }

    private static Encoding Windows1252() => CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    /// <summary>
    /// "MÃ¼ller" is "Müller" encoded to UTF-8 and then read as Windows-1252 and encoded again. When a name reads as
    /// valid UTF-8 after undoing that, and the result holds non-ASCII letters, the repaired name is the one meant.
    /// </summary>
    internal static string? RepairDoubleEncoding(string name)
    {
        if (!name.Any(ch => ch is >= '\u00C2' and <= '\u00F4'))
        {
            return null;
        }

        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        if (windows1252 is null)
        {
            return null;
        }

        try
        {
            var repaired = StrictUtf8.GetString(windows1252.GetBytes(name));
            return repaired != name && repaired.Any(ch => ch > '\u007F' && char.IsLetter(ch)) ? repaired : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\s*ALTERNATIVE\s+NAME\s+(\d+)\s*:\s*(.*?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlternativeName();

    private readonly record struct Token(string Text, int Column);

    private readonly record struct CleanLine(int Number, string Text);

    /// <summary>
    /// Reads ballot lines straight from the text, without splitting them into strings: a million-line file is read in a
    /// fraction of a second. Every error still names its line and column.
    /// </summary>
    private sealed class BallotLineReader(int candidates)
    {
        private readonly int[] _markedOn = new int[candidates + 1];
        private readonly List<int> _ranking = [];
        private readonly List<int> _levelStarts = [];
        private int _ballot;

        /// <summary>The ballot on the line, or null for the line holding only the 0 that ends the ballots.</summary>
        public Ballot? Read(CleanLine line)
        {
            var s = line.Text.AsSpan();
            var i = 0;
            SkipSeparators(s, ref i);
            var weightStart = i;
            var weightToken = NextToken(s, ref i);
            var afterWeight = i;
            SkipSeparators(s, ref i);
            if (weightToken is "0" && i == s.Length)
            {
                return null;
            }

            i = afterWeight;
            var weight = Number(weightToken, line.Number, weightStart + 1, 1, Contest.MaximumPapers, "a ballot's weight (the number of identical papers)");
            _ballot++;
            _ranking.Clear();
            _levelStarts.Clear();
            var shared = false;
            var lastEnd = i;
            while (true)
            {
                SkipSeparators(s, ref i);
                if (i == s.Length)
                {
                    throw new BltFormatException(line.Number, lastEnd + 1, "a ballot must end with 0.");
                }

                var start = i;
                var token = NextToken(s, ref i);
                lastEnd = i;
                if (token is "0")
                {
                    SkipSeparators(s, ref i);
                    if (i < s.Length)
                    {
                        throw new BltFormatException(line.Number, i + 1, "nothing may follow the 0 that ends a ballot.");
                    }

                    break;
                }

                _levelStarts.Add(_ranking.Count);
                var partStart = 0;
                for (var j = 0; j <= token.Length; j++)
                {
                    if (j < token.Length && token[j] != '=')
                    {
                        continue;
                    }

                    var column = start + partStart + 1;
                    var c = (int)Number(token[partStart..j], line.Number, column, 1, candidates, "a candidate number");
                    if (_markedOn[c] == _ballot)
                    {
                        throw new BltFormatException(line.Number, column, Invariant($"candidate {c} is marked more than once on this ballot."));
                    }

                    _markedOn[c] = _ballot;
                    _ranking.Add(c - 1);
                    partStart = j + 1;
                }

                shared |= _ranking.Count - _levelStarts[^1] > 1;
            }

            if (!shared)
            {
                return new Ballot(weight, [.. _ranking]);
            }

            var levels = new List<IReadOnlyCollection<int>>(_levelStarts.Count);
            for (var l = 0; l < _levelStarts.Count; l++)
            {
                var end = l + 1 < _levelStarts.Count ? _levelStarts[l + 1] : _ranking.Count;
                levels.Add(_ranking.GetRange(_levelStarts[l], end - _levelStarts[l]));
            }

            return Ballot.WithLevels(weight, levels);
        }

        private static ReadOnlySpan<char> NextToken(ReadOnlySpan<char> s, ref int i)
        {
            var start = i;
            while (i < s.Length && !IsSeparator(s[i]))
            {
                i++;
            }

            return s[start..i];
        }

        private static void SkipSeparators(ReadOnlySpan<char> s, ref int i)
        {
            while (i < s.Length && IsSeparator(s[i]))
            {
                i++;
            }
        }
    }

    private static bool IsSeparator(char ch) => ch == ',' || char.IsWhiteSpace(ch);

    private static long Number(ReadOnlySpan<char> token, int line, int column, long min, long max, string what)
    {
        if (token.Length == 0 || token.ContainsAnyExcept(Digits))
        {
            throw new BltFormatException(line, column, $"'{token}' is not a whole number; expected {what}.");
        }

        if (token.Length > 18 || !long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new BltFormatException(line, column, Invariant($"{token.ToString()} is out of range for {what} ({min} to {max})."));
        }

        return value;
    }

    private sealed class Parser(string text)
    {
        private readonly List<CleanLine> _lines = [];
        private readonly Dictionary<int, (string Name, int Line)> _alternativeNames = [];
        private int _lastLine = 1;
        private int _endColumn = 1;

        public BltImport Parse(List<string> warnings)
        {
            StripComments();
            var index = 0;
            var header = Tokens(Next(ref index, "the first line, with the number of candidates and seats"));
            var headerLine = _lines[index - 1].Number;
            if (header.Count != 2)
            {
                throw new BltFormatException(headerLine, header.Count > 2 ? header[2].Column : 1,
                    "the first line must hold two numbers: the number of candidates and the number of seats.");
            }

            var candidates = (int)Number(header[0], headerLine, 1, Contest.MaximumCandidates, "the number of candidates");
            var seats = (int)Number(header[1], headerLine, 1, int.MaxValue - 1, "the number of seats");

            var withdrawn = new SortedSet<int>();
            var line = Next(ref index, "the ballots");
            var tokens = Tokens(line);
            if (tokens.Count > 0 && tokens[0].Text.StartsWith('-'))
            {
                foreach (var t in tokens)
                {
                    if (!t.Text.StartsWith('-'))
                    {
                        throw new BltFormatException(line.Number, t.Column, $"'{t.Text}' on the line of withdrawn candidates must be a candidate number with a minus sign.");
                    }

                    var w = (int)Number(new Token(t.Text[1..], t.Column + 1), line.Number, 1, candidates, "a withdrawn candidate's number");
                    withdrawn.Add(w - 1);
                }

                line = Next(ref index, "the ballots");
            }

            var ballots = new List<Ballot>();
            var reader = new BallotLineReader(candidates);
            long papers = 0;
            while (reader.Read(line) is { } ballot)
            {
                papers += ballot.Weight;
                if (papers > Contest.MaximumPapers)
                {
                    throw new BltFormatException(line.Number, FirstNonSpace(line.Text), Invariant($"the ballots come to more than {Contest.MaximumPapers:N0} papers."));
                }

                ballots.Add(ballot);
                line = Next(ref index, "the 0 that ends the ballots");
            }

            var (names, title) = ReadNames(index, candidates, warnings);
            return new BltImport(new Contest(title, names, seats, ballots, withdrawn), warnings);
        }

        private CleanLine Next(ref int index, string expected)
        {
            while (index < _lines.Count && string.IsNullOrWhiteSpace(_lines[index].Text))
            {
                index++;
            }

            if (index >= _lines.Count)
            {
                throw new BltFormatException(_lastLine, _endColumn, $"the file ends where {expected} should be.");
            }

            return _lines[index++];
        }

        private (List<Candidate> Names, string Title) ReadNames(int index, int candidates, List<string> warnings)
        {
            var rest = _lines.Skip(index).Where(l => !string.IsNullOrWhiteSpace(l.Text)).ToList();
            var names = new List<Candidate>();
            string title;
            if (rest.Count >= candidates)
            {
                for (var i = 0; i < candidates; i++)
                {
                    names.Add(Repaired(NameLine(rest[i]), rest[i].Number, warnings));
                }

                title = rest.Count > candidates ? TitleLine(rest[candidates]) : "";
                if (rest.Count > candidates + 1)
                {
                    var extra = rest[candidates + 1];
                    throw new BltFormatException(extra.Number, FirstNonSpace(extra.Text), "unexpected text after the title; a BLT file ends with the candidates' names and the title.");
                }
            }
            else if (rest.Count <= 1 && Enumerable.Range(1, candidates).All(_alternativeNames.ContainsKey))
            {
                for (var i = 1; i <= candidates; i++)
                {
                    var (name, line) = _alternativeNames[i];
                    names.Add(Repaired(new Candidate(name), line, warnings));
                }

                title = rest.Count == 1 ? TitleLine(rest[0]) : "";
            }
            else
            {
                throw new BltFormatException(_lastLine, _endColumn, Invariant($"expected the names of {candidates} candidates after the ballots, but found {rest.Count} name line(s)."));
            }

            return (names, title);
        }

        private static Candidate Repaired(Candidate candidate, int line, List<string> warnings)
        {
            if (RepairDoubleEncoding(candidate.Name) is { } name)
            {
                warnings.Add(Invariant($"Line {line}: the name \"{candidate.Name}\" had been encoded twice; it was read as \"{name}\"."));
                return new Candidate(name, candidate.Party);
            }

            return candidate;
        }

        private static int FirstNonSpace(string text)
        {
            var i = 0;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i + 1;
        }

        private static string TitleLine(CleanLine line)
        {
            var s = line.Text;
            var i = FirstNonSpace(s) - 1;
            if (s[i] != '"')
            {
                return s.Trim().Replace('\t', ' ');
            }

            var title = Quoted(line, ref i);
            SkipSeparators(s, ref i);
            if (i < s.Length)
            {
                throw new BltFormatException(line.Number, i + 1, "unexpected text after the quoted title.");
            }

            return title.Trim();
        }

        /// <summary>A quoted name with an optional quoted party after it, or an unquoted name filling the line.</summary>
        private static Candidate NameLine(CleanLine line)
        {
            var s = line.Text;
            var i = FirstNonSpace(s) - 1;
            if (s[i] != '"')
            {
                var bare = s.Trim().Replace('\t', ' ');
                return new Candidate(bare);
            }

            var name = Quoted(line, ref i);
            string? party = null;
            SkipSeparators(s, ref i);
            if (i < s.Length && s[i] == '"')
            {
                party = Quoted(line, ref i);
                SkipSeparators(s, ref i);
            }

            if (i < s.Length)
            {
                throw new BltFormatException(line.Number, i + 1, "unexpected text after the quoted name.");
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                throw new BltFormatException(line.Number, FirstNonSpace(s), "a candidate's name is empty.");
            }

            return new Candidate(name.Trim(), party?.Trim());
        }

        private static void SkipSeparators(string s, ref int i)
        {
            while (i < s.Length && (char.IsWhiteSpace(s[i]) || s[i] == ','))
            {
                i++;
            }
        }

        private static string Quoted(CleanLine line, ref int i)
        {
            var s = line.Text;
            var start = i;
            var value = new StringBuilder();
            i++;
            while (i < s.Length)
            {
                if (s[i] == '"')
                {
                    if (i + 1 < s.Length && s[i + 1] == '"')
                    {
                        value.Append('"');
                        i += 2;
                        continue;
                    }

                    i++;
                    return value.ToString().Replace('\t', ' ');
                }

                value.Append(s[i]);
                i++;
            }

            throw new BltFormatException(line.Number, start + 1, "the quoted name has no closing quote.");
        }

        private static long Number(Token token, int line, long min, long max, string what) =>
            BltReader.Number(token.Text, line, token.Column, min, max, what);

        private static List<Token> Tokens(CleanLine line)
        {
            var tokens = new List<Token>();
            var s = line.Text;
            var i = 0;
            while (i < s.Length)
            {
                if (char.IsWhiteSpace(s[i]) || s[i] == ',')
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != ',')
                {
                    i++;
                }

                tokens.Add(new Token(s[start..i], start + 1));
            }

            return tokens;
        }

        /// <summary>
        /// Splits the text into lines and blanks out comments (outside quoted names), keeping every other character in
        /// its column so errors point at the right place. <c># ALTERNATIVE NAME i:</c> comments are kept aside.
        /// </summary>
        private void StripComments()
        {
            var lines = text.Split('\n');
            var inBlock = false;
            var blockLine = 0;
            var blockColumn = 0;
            var clean = new StringBuilder();
            for (var n = 0; n < lines.Length; n++)
            {
                var raw = lines[n].TrimEnd('\r');
                if (n == 0 && raw.StartsWith('\uFEFF'))
                {
                    raw = " " + raw[1..];
                }

                if (!inBlock && !raw.AsSpan().ContainsAny(Special))
                {
                    _lines.Add(new CleanLine(n + 1, raw));
                    if (raw.Length > 0 || n == 0)
                    {
                        _lastLine = n + 1;
                        _endColumn = raw.Length + 1;
                    }

                    continue;
                }

                clean.Clear();
                var inQuote = false;
                var i = 0;
                while (i < raw.Length)
                {
                    var ch = raw[i];
                    var next = i + 1 < raw.Length ? raw[i + 1] : '\0';
                    if (char.IsControl(ch) && ch != '\t')
                    {
                        throw new BltFormatException(n + 1, i + 1, Invariant($"the control character U+{(int)ch:X4} cannot appear in a BLT file."));
                    }

                    if (inBlock)
                    {
                        if (ch == '*' && next == '/')
                        {
                            inBlock = false;
                            clean.Append("  ");
                            i += 2;
                        }
                        else
                        {
                            clean.Append(' ');
                            i++;
                        }

                        continue;
                    }

                    if (inQuote)
                    {
                        clean.Append(ch);
                        if (ch == '"')
                        {
                            if (next == '"')
                            {
                                clean.Append(next);
                                i += 2;
                                continue;
                            }

                            inQuote = false;
                        }

                        i++;
                        continue;
                    }

                    if (ch == '"')
                    {
                        inQuote = true;
                    }
                    else if (ch == '#')
                    {
                        var match = AlternativeName().Match(raw[(i + 1)..]);
                        if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                        {
                            var name = match.Groups[2].Value.Trim();
                            if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
                            {
                                name = name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
                            }

                            if (name.Length > 0)
                            {
                                _alternativeNames[number] = (name.Replace('\t', ' '), n + 1);
                            }
                        }

                        break;
                    }
                    else if (ch == '/' && next == '/')
                    {
                        break;
                    }
                    else if (ch == '/' && next == '*')
                    {
                        inBlock = true;
                        blockLine = n + 1;
                        blockColumn = i + 1;
                        clean.Append("  ");
                        i += 2;
                        continue;
                    }
                    clean.Append(ch);
                    i++;
                }

                _lines.Add(new CleanLine(n + 1, clean.ToString()));
                if (raw.Length > 0 || n == 0)
                {
                    _lastLine = n + 1;
                    _endColumn = raw.Length + 1;
                }
            }

            if (inBlock)
            {
                throw new BltFormatException(blockLine, blockColumn, "the comment opened here with /* is never closed.");
            }
        }
    }
}
