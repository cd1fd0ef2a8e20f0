package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// decode-raw prints one protobuf message from stdin field by field, in the
// layout of protoc --decode_raw (protoc 3.21.12), byte for byte. The golden
// files in testdata/decoderaw hold protoc's own output for a set of messages.
//
// The rules, as protoc applies them:
//   - The input as a whole must parse as a message, or nothing is printed and
//     the command fails ("Failed to parse input.").
//   - A varint prints as an unsigned decimal; fixed32 and fixed64 as 0x and 8
//     or 16 lower-case hex digits; a group as "N {", its fields, "}".
//   - A length-delimited value prints as a nested message ("N {" ... "}")
//     when it is not empty, the nesting budget is not used up, and it parses
//     as a whole message; otherwise as a C-escaped string.
//   - Nesting is indented by two spaces per level.

// errRawParse is the error of an input that is not a protobuf message.
var errRawParse = errors.New("not a protobuf message")

// protocParseFailure is what protoc --decode_raw prints on stderr for such
// an input; decode-raw prints the same, so that scripts see no difference.
const protocParseFailure = "Failed to parse input.\n"

const (
	// rawTopGroupDepth is how deep groups may nest in the input as a whole.
	rawTopGroupDepth = 100
	// rawPrintBudget is how many length-delimited levels are tried as
	// messages before the rest prints as strings.
	rawPrintBudget = 10
)

// rawField is one field of a parsed message.
type rawField struct {
	num   uint32
	typ   byte
	val   uint64     // varint, fixed32, fixed64
	bytes []byte     // length-delimited
	group []rawField // group
}

// rawParser parses a whole message the way protoc's unknown-field parser
// does.
type rawParser struct {
	b        []byte
	i        int
	maxDepth int
	depth    int
	// top selects the rules of the outermost parse, which differ from the
	// nested attempts in how long a tag may be.
	top bool
}

// varint reads a varint of at most 10 bytes; ok is false if it is longer or
// cut short. Bits beyond 64 are dropped, as protoc drops them.
func (p *rawParser) varint() (v uint64, ok bool) {
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

// tag reads a field tag as a 32-bit value (higher bits dropped). The
// outermost parse accepts at most 5 bytes; a nested attempt reads up to 10.
func (p *rawParser) tag() (uint32, bool) {
	start := p.i
	v, ok := p.varint()
	if !ok {
		return 0, false
	}
	if p.top && p.i-start > 5 {
		return 0, false
	}
	return uint32(v), true
}

// fields parses fields until the end of the input (endGroup 0) or until the
// end-group tag of group endGroup.
func (p *rawParser) fields(endGroup uint32) ([]rawField, bool) {
	var out []rawField
	for {
		if p.i == len(p.b) {
			return out, endGroup == 0
		}
		t, ok := p.tag()
		if !ok || t == 0 {
			return nil, false
		}
		f := rawField{num: t >> 3, typ: byte(t & 7)}
		if f.num == 0 {
			return nil, false
		}
		switch f.typ {
		case 0:
			if f.val, ok = p.varint(); !ok {
				return nil, false
			}
		case 1:
			if len(p.b)-p.i < 8 {
				return nil, false
			}
			for k := 7; k >= 0; k-- {
				f.val = f.val<<8 | uint64(p.b[p.i+k])
			}
			p.i += 8
		case 2:
			n, ok := p.varint()
			if !ok || n > uint64(len(p.b)-p.i) || n > 1<<31-1 {
				return nil, false
			}
			f.bytes = p.b[p.i : p.i+int(n)]
			p.i += int(n)
		case 3:
			if p.depth >= p.maxDepth {
				return nil, false
			}
			p.depth++
			g, ok := p.fields(f.num)
			p.depth--
			if !ok {
				return nil, false
			}
			f.group = g
		case 4:
			if f.num == endGroup {
				return out, true
			}
			return nil, false
		case 5:
			if len(p.b)-p.i < 4 {
				return nil, false
			}
			for k := 3; k >= 0; k-- {
				f.val = f.val<<8 | uint64(p.b[p.i+k])
			}
			p.i += 4
		default:
			return nil, false
		}
		out = append(out, f)
	}
}

// parseRaw parses b as a whole message; maxDepth bounds group nesting.
func parseRaw(b []byte, maxDepth int, top bool) ([]rawField, bool) {
	p := rawParser{b: b, maxDepth: maxDepth, top: top}
	return p.fields(0)
}

// decodeRaw writes the fields of message b to w as protoc --decode_raw does.
// If b is not a message it writes nothing and returns errRawParse.
func decodeRaw(w io.Writer, b []byte) error {
	fs, ok := parseRaw(b, rawTopGroupDepth, true)
	if !ok {
		return errRawParse
	}
	bw := bufio.NewWriter(w)
	printRaw(bw, fs, 0, rawPrintBudget)
	return bw.Flush()
}

func printRaw(w *bufio.Writer, fs []rawField, indent, budget int) {
	var num []byte
	for i := range fs {
		f := &fs[i]
		for k := 0; k < indent; k++ {
			w.WriteString("  ")
		}
		num = strconv.AppendUint(num[:0], uint64(f.num), 10)
		w.Write(num)
		switch f.typ {
		case 0:
			w.WriteString(": ")
			w.WriteString(strconv.FormatUint(f.val, 10))
			w.WriteByte('\n')
		case 1:
			fmt.Fprintf(w, ": 0x%016x\n", f.val)
		case 5:
			fmt.Fprintf(w, ": 0x%08x\n", f.val)
		case 3:
			w.WriteString(" {\n")
			printRaw(w, f.group, indent+1, budget)
			writeIndent(w, indent)
			w.WriteString("}\n")
		case 2:
			if len(f.bytes) > 0 && budget > 0 {
				if sub, ok := parseRaw(f.bytes, budget, false); ok {
					w.WriteString(" {\n")
					printRaw(w, sub, indent+1, budget-1)
					writeIndent(w, indent)
					w.WriteString("}\n")
					continue
				}
			}
			w.WriteString(": \"")
			w.Write(cEscape(nil, f.bytes))
			w.WriteString("\"\n")
		}
	}
}

func writeIndent(w *bufio.Writer, indent int) {
	for k := 0; k < indent; k++ {
		w.WriteString("  ")
	}
}

// cEscape appends s escaped as protoc escapes strings: \n \r \t \" \' \\ by
// name, other bytes outside printable ASCII as three octal digits.
func cEscape(dst, s []byte) []byte {
	for _, c := range s {
		switch c {
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		case '"':
			dst = append(dst, '\\', '"')
		case '\'':
			dst = append(dst, '\\', '\'')
		case '\\':
			dst = append(dst, '\\', '\\')
		default:
			if c < 0x20 || c >= 0x7f {
				dst = append(dst, '\\', '0'+c>>6, '0'+(c>>3)&7, '0'+c&7)
			} else {
				dst = append(dst, c)
			}
		}
	}
	return dst
}
