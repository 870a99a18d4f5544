package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonScanner reads the outline of a JSON export from a buffered reader:
// punctuation, keys, and each value as its raw bytes, which the caller then
// decodes (rows by the fast path or the strict decoder, format and version
// by encoding/json). It finds where a value ends by counting brackets outside
// strings, without checking the value's insides: that is the decoder's job,
// and doing it twice was a sixth of a long import's time. A value that is
// not valid JSON is refused by whoever decodes it.
type jsonScanner struct {
	br  *bufio.Reader
	off int64  // bytes consumed, for messages
	buf []byte // the last value read
}

// errSyntax describes JSON that is not even shaped like an object of arrays.
type errSyntax struct {
	msg string
	off int64
}

func (e errSyntax) Error() string { return fmt.Sprintf("%s at byte %d", e.msg, e.off) }

// space skips white space and returns the next byte without consuming it,
// or io.EOF.
func (s *jsonScanner) space() (byte, error) {
	for {
		b, err := s.br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\n', '\r':
			s.advance(1)
		default:
			return b[0], nil
		}
	}
}

// expect consumes c, after white space.
func (s *jsonScanner) expect(c byte) error {
	b, err := s.space()
	if err != nil {
		return s.eof(err)
	}
	if b != c {
		return errSyntax{fmt.Sprintf("invalid character %q where %q belongs", b, c), s.off}
	}
	s.advance(1)
	return nil
}

// advance consumes n bytes already peeked.
func (s *jsonScanner) advance(n int) {
	s.br.Discard(n)
	s.off += int64(n)
}

// decode reads the next value into v with encoding/json.
func (s *jsonScanner) decode(v any) error {
	raw, err := s.value()
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

// more consumes the separator before the next member or element of the
// object or array that close ends, and reports whether there is one; first
// says whether none has been read yet. The closing bracket itself is
// consumed when there is none.
func (s *jsonScanner) more(first bool, close byte) (bool, error) {
	b, err := s.space()
	if err != nil {
		return false, s.eof(err)
	}
	if b == close {
		s.advance(1)
		return false, nil
	}
	if first {
		return true, nil
	}
	if b != ',' {
		return false, errSyntax{fmt.Sprintf("invalid character %q after a value", b), s.off}
	}
	s.advance(1)
	return true, nil
}

// key reads an object's key and the colon after it.
func (s *jsonScanner) key() (string, error) {
	b, err := s.space()
	if err != nil {
		return "", s.eof(err)
	}
	if b != '"' {
		return "", errSyntax{fmt.Sprintf("invalid character %q where a key belongs", b), s.off}
	}
	var key string
	if err := s.decode(&key); err != nil {
		return "", err
	}
	return key, s.expect(':')
}

// value reads the next value whole and returns its bytes, valid until the
// next call.
func (s *jsonScanner) value() ([]byte, error) {
	first, err := s.space()
	if err != nil {
		return nil, s.eof(err)
	}
	s.buf = s.buf[:0]
	depth := 0
	inString, escaped := false, false
	switch first {
	case '{', '[':
	case '"':
		inString = true
	case '}', ']', ',', ':':
		return nil, errSyntax{fmt.Sprintf("invalid character %q where a value belongs", first), s.off}
	default:
		return s.scalar()
	}
	start := true
	for {
		chunk, err := s.br.Peek(max(1, s.br.Buffered()))
		if len(chunk) == 0 {
			return nil, s.eof(err)
		}
		for i, c := range chunk {
			if start { // the opening bracket or quote
				start = false
				if !inString {
					depth++
				}
				continue
			}
			switch {
			case escaped:
				escaped = false
			case inString && c == '\\':
				escaped = true
			case c == '"':
				inString = !inString
				if !inString && depth == 0 {
					return s.take(chunk, i+1), nil
				}
			case inString:
			case c == '{' || c == '[':
				depth++
			case c == '}' || c == ']':
				if depth--; depth == 0 {
					return s.take(chunk, i+1), nil
				}
			}
		}
		s.take(chunk, len(chunk))
	}
}

// scalar reads a number, true, false or null: up to the next delimiter.
func (s *jsonScanner) scalar() ([]byte, error) {
	for {
		chunk, err := s.br.Peek(max(1, s.br.Buffered()))
		if len(chunk) == 0 {
			if errors.Is(err, io.EOF) && len(s.buf) > 0 {
				return s.buf, nil
			}
			return nil, s.eof(err)
		}
		if i := bytes.IndexAny(chunk, " \t\r\n,]}"); i >= 0 {
			return s.take(chunk, i), nil
		}
		s.take(chunk, len(chunk))
	}
}

// take appends chunk[:n] to the value and consumes it.
func (s *jsonScanner) take(chunk []byte, n int) []byte {
	s.buf = append(s.buf, chunk[:n]...)
	s.advance(n)
	return s.buf
}

// eof turns the end of the file inside the export into a syntax error; a
// read failure, including the size limit's, stays itself.
func (s *jsonScanner) eof(err error) error {
	if errors.Is(err, io.EOF) {
		return errSyntax{"unexpected end of the file", s.off}
	}
	return err
}

// end reports whether nothing but white space is left.
func (s *jsonScanner) end() (bool, error) {
	_, err := s.space()
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return false, err
}
