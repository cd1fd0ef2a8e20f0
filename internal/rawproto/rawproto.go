// Package rawproto prints any protobuf message field by field, without its
// schema, exactly as protoc --decode_raw prints it (protoc 3.21.12), byte for
// byte: the walwire decode-raw command. The golden files of
// cmd/walwire/testdata/decoderaw hold protoc's own output for a set of
// messages, and the command's tests compare against them.
//
// The rules, as protoc applies them:
//
//   - The input as a whole must parse as a message, or nothing is printed and
//     the command fails ("Failed to parse input.").
//   - A varint prints as an unsigned decimal; fixed32 and fixed64 as 0x and 8
//     or 16 lower-case hex digits; a group as "N {", its fields, "}".
//   - A length-delimited value prints as a nested message ("N {" ... "}")
//     when it is not empty, the nesting budget is not used up, and it parses
//     as a whole message; otherwise as a C-escaped string.
//   - Nesting is indented by two spaces per level.
//   - Strings escape \n \r \t \" \' \\ by name and every other byte outside
//     printable ASCII as three octal digits (UTF-8 too).
//   - A varint may take up to 10 bytes; bits beyond 64 are dropped. A tag is
//     read as a 32-bit value (higher bits dropped): at most 5 bytes in the
//     outermost message, up to 10 inside a length-delimited value.
//   - Field number 0, wire types 6 and 7, an end-group tag that closes no
//     open group and a cut-short value make a message unparsable.
//   - Groups nest at most 100 deep in the input as a whole; a
//     length-delimited value is tried as a message only 10 levels deep, and
//     groups inside it may nest only as deep as the levels left.
//
// It is an internal package so that the fuzz targets of ./fuzz can reach it.
package rawproto

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// ErrNotMessage is the error of an input that is not a protobuf message.
var ErrNotMessage = errors.New("rawproto: not a protobuf message")

// ProtocParseFailure is what protoc --decode_raw prints on stderr for such
// an input (and exits 1).
const ProtocParseFailure = "Failed to parse input.\n"

const (
	// topGroupDepth is how deep groups may nest in the input as a whole.
	topGroupDepth = 100
	// printBudget is how many length-delimited levels are tried as messages
	// before the rest prints as strings.
	printBudget = 10
)

// field is one field as read: its tag, and its value for the scalar wire
// types and length-delimited values (aliasing the input). A group's fields
// follow it in the input.
type field struct {
	num   uint32
	typ   byte
	val   uint64
	bytes []byte
}

// parser reads the fields of one message the way protoc's unknown-field
// parser does. It allocates nothing: a message is first checked whole
// (valid), then read again as it is printed.
type parser struct {
	b []byte
	i int
	// top selects the rules of the outermost message, which differ from
	// those of the nested attempts in how long a tag may be.
	top bool
}

// varint reads a varint of at most 10 bytes; ok is false if it is longer or
// cut short. Bits beyond 64 are dropped, as protoc drops them.
func (p *parser) varint() (v uint64, ok bool) {
	for n := 0; n < 10; n++ {
		if p.i >= len(p.b) {
			return 0, false
		}
		c := p.b[p.i]
		p.i++
		v |= uint64(c&0x7f) << (7 * n)
		if c < 0x80 {
			return v, true
		}
	}
	return 0, false
}

// next reads the next field: its tag, and its value unless it is a group
// (whose fields come next) or an end-group tag. ok is false for anything
// that makes the message unparsable; at the end of the input it returns
// ok with num 0.
func (p *parser) next() (f field, ok bool) {
	if p.i == len(p.b) {
		return field{}, true
	}
	start := p.i
	t, ok := p.varint()
	if !ok || (p.top && p.i-start > 5) {
		return f, false
	}
	// A tag is a 32-bit value: higher bits are dropped.
	f.num, f.typ = uint32(t)>>3, byte(t&7)
	if f.num == 0 {
		return f, false
	}
	switch f.typ {
	case 0:
		f.val, ok = p.varint()
		return f, ok
	case 1, 5:
		n := 8
		if f.typ == 5 {
			n = 4
		}
		if len(p.b)-p.i < n {
			return f, false
		}
		for k := n - 1; k >= 0; k-- {
			f.val = f.val<<8 | uint64(p.b[p.i+k])
		}
		p.i += n
		return f, true
	case 2:
		n, ok := p.varint()
		if !ok || n > uint64(len(p.b)-p.i) {
			return f, false
		}
		f.bytes = p.b[p.i : p.i+int(n)]
		p.i += int(n)
		return f, true
	case 3, 4:
		return f, true
	}
	return f, false
}

// check reads fields up to the end of the input (endGroup 0) or the
// end-group tag of group endGroup, and reports whether they parse, groups
// nesting at most maxDepth deep.
func (p *parser) check(endGroup uint32, depth, maxDepth int) bool {
	for {
		f, ok := p.next()
		switch {
		case !ok:
			return false
		case f.num == 0:
			return endGroup == 0
		case f.typ == 4:
			return f.num == endGroup
		case f.typ == 3:
			if depth >= maxDepth || !p.check(f.num, depth+1, maxDepth) {
				return false
			}
		}
	}
}

// valid reports whether b parses as a whole message.
func valid(b []byte, maxDepth int, top bool) bool {
	p := parser{b: b, top: top}
	return p.check(0, 0, maxDepth)
}

// Print writes the fields of message b to w as protoc --decode_raw does. If
// b is not a message it writes nothing and returns ErrNotMessage; otherwise
// it returns w's error, if any.
func Print(w io.Writer, b []byte) error {
	if !valid(b, topGroupDepth, true) {
		return ErrNotMessage
	}
	bw := bufio.NewWriter(w)
	pr := printer{w: bw}
	pr.fields(&parser{b: b, top: true}, 0, printBudget)
	return bw.Flush()
}

// printer prints fields that have been checked.
type printer struct {
	w   *bufio.Writer
	num []byte // scratch for numbers
}

// fields prints the fields of p up to the end of its input or the end of
// the group being printed.
func (pr *printer) fields(p *parser, indent, budget int) {
	for {
		f, _ := p.next()
		if f.num == 0 || f.typ == 4 {
			return
		}
		pr.line(indent)
		pr.num = strconv.AppendUint(pr.num[:0], uint64(f.num), 10)
		pr.w.Write(pr.num)
		switch f.typ {
		case 0:
			pr.w.WriteString(": ")
			pr.num = strconv.AppendUint(pr.num[:0], f.val, 10)
			pr.w.Write(pr.num)
			pr.w.WriteByte('\n')
		case 1:
			fmt.Fprintf(pr.w, ": 0x%016x\n", f.val)
		case 5:
			fmt.Fprintf(pr.w, ": 0x%08x\n", f.val)
		case 3:
			pr.w.WriteString(" {\n")
			pr.fields(p, indent+1, budget)
			pr.line(indent)
			pr.w.WriteString("}\n")
		case 2:
			if len(f.bytes) > 0 && budget > 0 && valid(f.bytes, budget, false) {
				pr.w.WriteString(" {\n")
				pr.fields(&parser{b: f.bytes}, indent+1, budget-1)
				pr.line(indent)
				pr.w.WriteString("}\n")
				continue
			}
			pr.w.WriteString(": \"")
			pr.escape(f.bytes)
			pr.w.WriteString("\"\n")
		}
	}
}

// line writes the indentation of a line at depth indent.
func (pr *printer) line(indent int) {
	for k := 0; k < indent; k++ {
		pr.w.WriteString("  ")
	}
}

// escape writes s escaped as protoc escapes strings: \n \r \t \" \' \\ by
// name, other bytes outside printable ASCII as three octal digits.
func (pr *printer) escape(s []byte) {
	for _, c := range s {
		switch c {
		case '\n':
			pr.w.WriteString(`\n`)
		case '\r':
			pr.w.WriteString(`\r`)
		case '\t':
			pr.w.WriteString(`\t`)
		case '"':
			pr.w.WriteString(`\"`)
		case '\'':
			pr.w.WriteString(`\'`)
		case '\\':
			pr.w.WriteString(`\\`)
		default:
			if c < 0x20 || c >= 0x7f {
				pr.w.WriteByte('\\')
				pr.w.WriteByte('0' + c>>6)
				pr.w.WriteByte('0' + (c>>3)&7)
				pr.w.WriteByte('0' + c&7)
			} else {
				pr.w.WriteByte(c)
			}
		}
	}
}
