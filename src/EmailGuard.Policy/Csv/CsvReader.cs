using System.Text;

namespace EmailGuard.Policy.Csv;

/// <summary>
/// RFC 4180 records from text: comma separated, fields optionally in double quotes, "" for a quote inside
/// quotes, CRLF or LF line ends, line breaks allowed inside quotes. Blank lines are skipped (a trailing
/// newline or a spare line is not a record). Malformed records are reported with their line and skipped.
/// </summary>
public static class CsvReader
{
    public static (List<CsvRecord> Records, List<CsvError> Errors) Read(TextReader reader, string file)
    {
        var records = new List<CsvRecord>();
        var errors = new List<CsvError>();
        var state = new RecordState();
        var line = 1;
        var first = true;
        int next;
        while ((next = reader.Read()) >= 0)
        {
            var c = (char)next;
            if (first && c == '\uFEFF')
            {
                first = false;
                continue; // BOM left by a StringReader or a TextReader that did not strip it
            }
            first = false;
            if (state.InQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        state.Field.Append('"');
                    }
                    else
                    {
                        state.InQuotes = false;
                        state.AfterQuote = true;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    state.Field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    state.EndField();
                    break;
                case '\r':
                    break; // CR only ends a line together with LF; a bare CR is dropped
                case '\n':
                    state.EndRecord(records, errors, file);
                    line++;
                    state.Start(line);
                    break;
                case '"' when state.Field.Length == 0 && !state.AfterQuote:
                    state.InQuotes = true;
                    state.Quoted = true;
                    break;
                default:
                    state.Fail(state.AfterQuote
                        ? "text after a closing quote"
                        : c == '"' ? "quote inside an unquoted field" : null);
                    state.Field.Append(c);
                    break;
            }
        }
        if (state.InQuotes)
        {
            state.Fail("quoted field is not closed before the end of the file");
        }
        state.EndRecord(records, errors, file);
        return (records, errors);
    }

    private sealed class RecordState
    {
        private readonly List<string> _fields = [];
        private string? _problem;
        private int _line = 1;

        public StringBuilder Field { get; } = new();
        public bool InQuotes { get; set; }
        public bool AfterQuote { get; set; }
        public bool Quoted { get; set; }

        public void Fail(string? problem) => _problem ??= problem;

        public void EndField()
        {
            _fields.Add(Field.ToString());
            Field.Clear();
            AfterQuote = false;
        }

        public void EndRecord(List<CsvRecord> records, List<CsvError> errors, string file)
        {
            var blank = _fields.Count == 0 && Field.Length == 0 && !Quoted;
            EndField();
            if (_problem is not null)
            {
                errors.Add(new CsvError(file, _line, _problem));
            }
            else if (!blank)
            {
                records.Add(new CsvRecord(_line, [.. _fields]));
            }
        }

        public void Start(int line)
        {
            _fields.Clear();
            _problem = null;
            _line = line;
            Quoted = false;
            InQuotes = false;
            AfterQuote = false;
        }
    }
}
