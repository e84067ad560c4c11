package membership

// Reading an import file: its encoding, separator and columns.

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// importRow is one data line: its number and its value for each field.
type importRow struct {
	line   int
	values map[string]string
}

// readImport decodes the file, finds the separator and the columns, and
// returns the data lines that are not empty.
func readImport(r io.Reader, opt ImportOptions, rep *ImportReport) ([]importRow, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportSize+1))
	if err != nil {
		return nil, avenir.Internal(err)
	}
	if len(data) > MaxImportSize {
		return nil, avenir.Errorf(avenir.CodeInvalid, "The file is larger than %d MB; split it.", MaxImportSize>>20)
	}
	text, encoding := decodeImport(data)
	rep.Encoding = encoding
	if strings.TrimSpace(text) == "" {
		return nil, avenir.Errorf(avenir.CodeInvalid, "The file is empty.")
	}
	comma := opt.Comma
	if comma == 0 {
		comma = detectComma(text)
	}
	if comma == '"' || comma == '\r' || comma == '\n' || comma == utf8.RuneError || unicode.IsLetter(comma) || unicode.IsDigit(comma) {
		return nil, avenir.FieldError("comma", "The separator %q cannot be used.", string(comma))
	}
	rep.Comma = string(comma)

	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma, cr.FieldsPerRecord, cr.TrimLeadingSpace = comma, -1, true
	header, err := cr.Read()
	if err != nil {
		return nil, avenir.Errorf(avenir.CodeInvalid, "Line %d is not valid CSV.", 1)
	}
	cols, err := mapColumns(header, opt.Mapping, rep)
	if err != nil {
		return nil, err
	}
	// A cell with line breaks takes several lines of the file but one row
	// of the spreadsheet: rows are counted as the spreadsheet counts them.
	extra := countBreaks(header)
	var rows []importRow
	for {
		record, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			return nil, avenir.Internal(err)
		}
		var line int
		if pe != nil {
			line = pe.StartLine - extra
			extra += pe.Line - pe.StartLine
		} else {
			start, _ := cr.FieldPos(0)
			line = start - extra
			extra += countBreaks(record)
			if isBlank(record) {
				continue // spreadsheets export trailing empty rows
			}
		}
		if rep.Lines++; rep.Lines > MaxImportLines {
			return nil, avenir.Errorf(avenir.CodeInvalid, "The file has more than %d lines; split it.", MaxImportLines)
		}
		if pe != nil {
			rep.Errors = append(rep.Errors, lineError(line, "", avenir.Errorf(avenir.CodeInvalid, "Line %d is not valid CSV.", line)))
			continue
		}
		values := make(map[string]string, len(cols))
		for field, i := range cols {
			if i < len(record) {
				values[field] = strings.TrimSpace(record[i])
			}
		}
		rows = append(rows, importRow{line: line, values: values})
	}
}

// decodeImport returns the file as text, and its encoding.
func decodeImport(data []byte) (string, string) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")):
		// Excel's "Unicode text". The decoder reads the byte order mark.
		if b, _, err := transform.Bytes(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder(), data); err == nil {
			return string(b), "utf-16"
		}
	}
	if utf8.Valid(data) {
		return string(data), "utf-8"
	}
	// Windows-1252 is Latin-1 plus typographic quotes and the euro sign in
	// 0x80–0x9F: what Excel on Windows writes for "CSV (separator)".
	b, _, _ := transform.Bytes(charmap.Windows1252.NewDecoder(), data) // every byte decodes
	return string(b), "windows-1252"
}

// detectComma picks the separator that appears most in the header line,
// outside quotes: ',' when none does.
func detectComma(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range text {
		if c == '"' {
			quoted = !quoted
		} else if c == '\n' && !quoted {
			break
		} else if !quoted {
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// mapColumns returns the column of each field, and fills the report's
// mapping and ignored headers.
func mapColumns(header []string, mapping map[string]string, rep *ImportReport) (map[string]int, error) {
	cols := map[string]int{}
	rep.Mapping = map[string]string{}
	byFold := map[string]string{} // folded header of the mapping → its key
	for h, f := range mapping {
		if f != "" && !slices.Contains(importFields, f) {
			return nil, avenir.FieldError("mapping", "The field %q cannot be imported.", text.Truncate(f, 30))
		}
		byFold[fold(h)] = h
	}
	used := map[string]bool{} // keys of the mapping that named a column
	for i, h := range header {
		h = strings.TrimSpace(h)
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		if h == "" {
			continue
		}
		var field string
		if mapping != nil {
			key, ok := h, false
			if field, ok = mapping[h]; !ok {
				if key, ok = byFold[fold(h)]; ok {
					field = mapping[key]
				}
			}
			if ok && !used[key] {
				used[key] = true
				if prev, taken := cols[field]; taken && field != "" {
					return nil, avenir.FieldError("mapping", "The columns %q and %q both give the field %s.", header[prev], h, field)
				}
			} else {
				field = ""
			}
		} else if f, ok := headerFields[fold(h)]; ok {
			if _, taken := cols[f]; !taken { // the first of two synonyms wins
				field = f
			}
		}
		if field == "" {
			rep.Ignored = append(rep.Ignored, h)
			continue
		}
		cols[field] = i
		rep.Mapping[h] = field
	}
	for h, f := range mapping {
		if f != "" && !used[h] {
			return nil, avenir.FieldError("mapping", "The column %q is not in the file.", text.Truncate(h, 60))
		}
	}
	if _, ok := cols[fEmail]; !ok {
		return nil, avenir.FieldError(fEmail, "The file has no email column.")
	}
	return cols, nil
}

// fold is how headers and keywords compare: lower case, without accents,
// with one kind of apostrophe, and '-', '_' and '.' read as spaces.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	s, _, _ = transform.String(t, strings.ToLower(s))
	s = strings.Map(func(r rune) rune {
		switch r {
		case '’', '‘', '`', 'ʼ':
			return '\''
		case '-', '_', '.', '\u00a0':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(strings.Trim(s, " :*")), " ")
}

func countBreaks(record []string) int {
	n := 0
	for _, f := range record {
		n += strings.Count(f, "\n")
	}
	return n
}

func isBlank(record []string) bool {
	for _, f := range record {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
