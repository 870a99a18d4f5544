package reports

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Width is the width terminal output is laid out for unless the terminal is
// wider: the classic 80 columns.
const Width = 80

// Wrap breaks text into lines of at most width columns at word boundaries,
// starting each line after the first with indent. A word longer than a line
// stands on a line of its own rather than being cut. Existing line breaks
// are kept.
func Wrap(text string, width int, indent string) string {
	var b strings.Builder
	for i, para := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("\n" + indent)
		}
		col := 0
		if i > 0 {
			col = utf8.RuneCountInString(indent)
		}
		lineStart := true
		for _, word := range strings.Fields(para) {
			n := utf8.RuneCountInString(word)
			if !lineStart && col+1+n > width {
				b.WriteString("\n" + indent)
				col, lineStart = utf8.RuneCountInString(indent), true
			}
			if !lineStart {
				b.WriteByte(' ')
				col++
			}
			b.WriteString(word)
			col += n
			lineStart = false
		}
	}
	return b.String()
}

// Cut shortens a line to at most width columns, ending it with an ellipsis
// when something was cut.
func Cut(line string, width int) string {
	if utf8.RuneCountInString(line) <= width {
		return line
	}
	r := []rune(line)
	return strings.TrimRight(string(r[:width-1]), " ") + "…"
}

// Hang wraps text to width columns after prefix, with every further line
// indented under the text's first word.
func Hang(prefix, text string, width int) string {
	n := utf8.RuneCountInString(prefix)
	return prefix + strings.ReplaceAll(Wrap(text, width-n, ""), "\n", "\n"+strings.Repeat(" ", n))
}

// WrapLines re-wraps every line of text that is wider than width at word
// boundaries, hanging the continuation under where the line's text starts:
// after its indentation, after a label such as "How to: " or "Start:   ", or
// after the gap that separates a help line's flag from its description.
func WrapLines(text string, width int) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if utf8.RuneCountInString(line) <= width {
			continue
		}
		at := hangPoint(line, width)
		lines[i] = Hang(line[:at], line[at:], width)
	}
	return strings.Join(lines, "\n")
}

// hangPoint finds where a line's running text starts, in bytes.
func hangPoint(line string, width int) int {
	limit := min(len(line), width/2)
	at := len(line) - len(strings.TrimLeft(line, " "))
	// A gap of two or more spaces ends a flag or command name.
	if k := strings.Index(line[at:limit], "  "); k >= 0 {
		k += at
		return k + len(line[k:]) - len(strings.TrimLeft(line[k:], " "))
	}
	// A command line in an example: continue under its arguments.
	if strings.HasPrefix(line[at:], "backlog ") && strings.Contains(line, " --") {
		return at + len("backlog ")
	}
	// A short label ending in a colon: "How to: ", "Sources: ".
	if k := strings.Index(line[at:limit], ": "); k >= 0 && k < 16 && !strings.Contains(line[at:at+k], ". ") {
		k += at + 1
		return k + len(line[k:]) - len(strings.TrimLeft(line[k:], " "))
	}
	return at
}

// WriteTable writes rows (the first is the header) as left-aligned columns
// two spaces apart. The last column is prose: when it would pass width it
// wraps at words, continuing under itself, or on the next line when the
// other columns leave it too little room.
func WriteTable(w io.Writer, rows [][]string, width int) error {
	if len(rows) == 0 {
		return nil
	}
	cols := len(rows[0])
	widths := make([]int, cols)
	for _, r := range rows {
		for i := 0; i < cols-1 && i < len(r); i++ {
			widths[i] = max(widths[i], utf8.RuneCountInString(r[i]))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		var line strings.Builder
		for i := 0; i < cols-1 && i < len(r); i++ {
			line.WriteString(r[i] + strings.Repeat(" ", widths[i]-utf8.RuneCountInString(r[i])+2))
		}
		prefix := line.String()
		last := ""
		if len(r) == cols {
			last = r[cols-1]
		}
		switch {
		case last == "":
			b.WriteString(strings.TrimRight(prefix, " "))
		case utf8.RuneCountInString(prefix+last) <= width || width-utf8.RuneCountInString(prefix) >= 20:
			b.WriteString(Hang(prefix, last, width))
		default:
			b.WriteString(strings.TrimRight(prefix, " ") + "\n" + Hang("    ", last, width))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
