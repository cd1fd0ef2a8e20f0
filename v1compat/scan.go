package v1compat

import (
	"encoding/base64"
	"math"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/wire"
)

// maxDepth is how deeply JSON objects and arrays may nest in a v1 record. The
// deepest v1 value nests about a dozen levels; the limit only stops
// adversarial input from exhausting the stack.
const maxDepth = 100

// decoder reads JSON text by hand, straight into Go values: no token stream,
// no intermediate tree. Its first error sticks: after it every method does
// nothing, and the callers add their field names to the error's path as it
// travels up.
//
// Strings and bytes either alias the input (alias mode, for a decode whose
// values never outlive the call, as in Upgrade) or live in the arena, one
// buffer allocated for the whole record; the arena only grows, so what it
// handed out never changes.
type decoder struct {
	b     []byte // the whole record: offsets count from its codec byte
	i     int
	depth int
	alias bool
	arena []byte
	err   *wire.Error
	spare *wire.Error // for the next error, if set (see failWith)

	// dry marks a dry run: the record is checked in full, as a decode
	// would, but nothing is kept: payloads go to scratch, arrays are not
	// built, bytes are counted. A dry run allocates nothing but its error.
	dry      bool
	scratch  *scratch
	keepText bool // in a dry run, unescape strings all the same

	keyOff int // offset of the last object key read
}

// The kinds of JSON values, for wrong-type messages.
const (
	foundString = "a string"
	foundNumber = "a number"
	foundObject = "an object"
	foundArray  = "an array"
	foundBool   = "a boolean"
	foundNull   = "null"
)

func found(c byte) string {
	switch c {
	case '"':
		return foundString
	case '{':
		return foundObject
	case '[':
		return foundArray
	case 't', 'f':
		return foundBool
	case 'n':
		return foundNull
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return foundNumber
	}
	return "an invalid character"
}

// fail records the first error.
func (d *decoder) fail(class error, off int, detail string) {
	d.failWith(class, off).AddDetail(detail)
}

// failWith records an error of class at off, unless one is recorded
// already, and returns it so that the caller adds its detail (Error.add);
// nil if an error was recorded already. It reuses d.spare if set, so that
// a second look at a failed record allocates nothing more.
func (d *decoder) failWith(class error, off int) *wire.Error {
	if d.err != nil {
		return nil
	}
	e := d.spare
	if e == nil {
		e = wire.NewDetailedError(class, int64(off), 0)
	} else {
		d.spare = nil
		e.Reset(class, int64(off), 0)
	}
	d.err = e
	return e
}

// syntax records a malformed-JSON error at the current offset.
func (d *decoder) syntax(what string) {
	if d.i >= len(d.b) {
		d.fail(ErrMalformedJSON, len(d.b), "unexpected end of input")
		return
	}
	d.fail(ErrMalformedJSON, d.i, what)
}

// wrongType records a wrong-type error for the value at the current offset.
func (d *decoder) wrongType(want string) {
	d.failWith(ErrWrongType, d.i).AddDetail("expected ").AddDetail(want).AddDetail(", found ").AddDetail(found(d.b[d.i]))
}

// within adds name to the path of the error, if any.
func (d *decoder) within(name string) {
	if d.err != nil {
		d.err.AddName(name)
	}
}

// ws skips whitespace.
func (d *decoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// peek skips whitespace and returns the next byte, or records a malformed
// error and returns 0 at the end of the input.
func (d *decoder) peek() byte {
	if d.err != nil {
		return 0
	}
	d.ws()
	if d.i >= len(d.b) {
		d.syntax("")
		return 0
	}
	c := d.b[d.i]
	if c == 0 {
		d.syntax("invalid character")
	}
	return c
}

// literal consumes the literal lit (true, false or null).
func (d *decoder) literal(lit string) {
	if len(d.b)-d.i >= len(lit) && string(d.b[d.i:d.i+len(lit)]) == lit {
		d.i += len(lit)
		return
	}
	for k := 0; k < len(lit) && d.i < len(d.b) && d.b[d.i] == lit[k]; k++ {
		d.i++
	}
	d.syntax("invalid literal")
}

// null consumes a null and reports whether there was one.
func (d *decoder) null() bool {
	if d.peek() == 'n' {
		d.literal("null")
		return d.err == nil
	}
	return false
}

func (d *decoder) enter() bool {
	d.depth++
	if d.depth > maxDepth {
		d.fail(wire.ErrDepth, d.i, "JSON nested more than 100 levels deep")
		return false
	}
	return true
}

// openObject starts an object value: true if there is one (read its members
// with member), false for null or on error.
func (d *decoder) openObject() bool {
	switch d.peek() {
	case '{':
		if !d.enter() {
			return false
		}
		d.i++
		return true
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.wrongType(foundObject)
	}
	return false
}

// member reads the next key of the object being read, up to and including
// the colon, and reports whether there is one; at the object's end it
// consumes the closing brace and returns false. n counts the members read.
func (d *decoder) member(n *int) ([]byte, bool) {
	c := d.peek()
	if c == '}' {
		d.i++
		d.depth--
		return nil, false
	}
	if *n > 0 {
		if c != ',' {
			d.syntax("expected ',' or '}' after an object member")
			return nil, false
		}
		d.i++
		c = d.peek()
	}
	if c != '"' {
		if c != 0 {
			d.syntax("expected a string as an object key")
		}
		return nil, false
	}
	d.keyOff = d.i
	key, _ := d.str()
	if d.peek() != ':' {
		if d.err == nil {
			d.syntax("expected ':' after an object key")
		}
		return nil, false
	}
	d.i++
	*n++
	return key, d.err == nil
}

// openArray starts an array value: true if there is one (read its elements
// with elem), false for null or on error.
func (d *decoder) openArray() bool {
	switch d.peek() {
	case '[':
		if !d.enter() {
			return false
		}
		d.i++
		return true
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.wrongType(foundArray)
	}
	return false
}

// elem reports whether the array being read has another element, leaving
// the decoder at it; at the array's end it consumes the closing bracket. n
// counts the elements read.
func (d *decoder) elem(n *int) bool {
	c := d.peek()
	if c == ']' {
		d.i++
		d.depth--
		return false
	}
	if *n > 0 {
		if c != ',' {
			if c != 0 {
				d.syntax("expected ',' or ']' after an array element")
			}
			return false
		}
		d.i++
	}
	*n++
	return d.err == nil
}

// str reads a string at the current offset (which holds its opening quote)
// and returns its contents, unescaped, with invalid UTF-8 replaced by U+FFFD
// as encoding/json does. The result aliases the input when the string has
// no escape (inArena false), else it is in the arena.
func (d *decoder) str() (s []byte, inArena bool) {
	start := d.i + 1
	for i := start; i < len(d.b); {
		c := d.b[i]
		switch {
		case c == '"':
			d.i = i + 1
			return d.b[start:i:i], false
		case c == '\\':
			return d.unescape(start), true
		case c < 0x20:
			d.i = i
			d.syntax("control character in a string")
			return nil, false
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(d.b[i:])
			if r == utf8.RuneError && size == 1 {
				return d.unescape(start), true
			}
			i += size
		}
	}
	d.i = len(d.b)
	d.syntax("")
	return nil, false
}

// unescape reads the string starting at offset start (after the opening
// quote) into the arena.
func (d *decoder) unescape(start int) []byte {
	// Room for the worst case first (an invalid byte becomes the 3 bytes
	// of U+FFFD), so that the arena never grows by doubling.
	end := start
	for end < len(d.b) && d.b[end] != '"' {
		if d.b[end] == '\\' {
			end++
		}
		end++
	}
	if need := 3 * (end - start); cap(d.arena)-len(d.arena) < need {
		d.grow(need)
	}
	a := len(d.arena)
	out := d.arena
	i := start
	for {
		if i >= len(d.b) {
			d.i = i
			d.syntax("")
			return nil
		}
		c := d.b[i]
		switch {
		case c == '"':
			d.i = i + 1
			d.arena = out
			return out[a:len(out):len(out)]
		case c < 0x20:
			d.i = i
			d.syntax("control character in a string")
			return nil
		case c == '\\':
			if i+1 >= len(d.b) {
				d.i = len(d.b)
				d.syntax("")
				return nil
			}
			e := d.b[i+1]
			switch e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r := hex4(d.b[i+2:])
				if r < 0 {
					d.i = i
					d.syntax("invalid \\u escape")
					return nil
				}
				i += 6
				if utf16.IsSurrogate(rune(r)) {
					r2 := rune(-1)
					if len(d.b)-i >= 6 && d.b[i] == '\\' && d.b[i+1] == 'u' {
						r2 = rune(hex4(d.b[i+2:]))
					}
					if dec := utf16.DecodeRune(rune(r), r2); dec != utf8.RuneError {
						out = utf8.AppendRune(out, dec)
						i += 6
						continue
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, rune(r))
				continue
			default:
				d.i = i
				d.syntax("invalid escape")
				return nil
			}
			i += 2
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(d.b[i:])
			if r == utf8.RuneError && size == 1 {
				out = append(out, "\uFFFD"...)
			} else {
				out = append(out, d.b[i:i+size]...)
			}
			i += size
		}
	}
}

// hex4 returns the value of 4 hexadecimal digits at the start of b, or -1.
func hex4(b []byte) int {
	if len(b) < 4 {
		return -1
	}
	v := 0
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		v = v<<4 | int(c)
	}
	return v
}

// string reads a string value; null reads as "".
//
// In a dry run (unless keepText is set) a string with escapes or invalid
// UTF-8 is checked, not unescaped: it reads as "?", which is empty exactly
// when the string is (what a dry run needs of a value it does not keep).
func (d *decoder) string() string {
	switch d.peek() {
	case '"':
		if d.dry && !d.keepText {
			return d.dryString()
		}
		s, inArena := d.str()
		if len(s) == 0 {
			return ""
		}
		if !inArena && !d.alias {
			if cap(d.arena)-len(d.arena) < len(s) {
				d.grow(len(s))
			}
			a := len(d.arena)
			d.arena = append(d.arena, s...)
			s = d.arena[a:]
		}
		return unsafe.String(&s[0], len(s))
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.wrongType(foundString)
	}
	return ""
}

// dryString reads a string value in a dry run (see string).
func (d *decoder) dryString() string {
	start := d.i + 1
	d.skipString()
	if d.err != nil || d.i-1 == start {
		return ""
	}
	raw := d.b[start : d.i-1]
	for _, c := range raw {
		if c == '\\' {
			return "?"
		}
	}
	if !utf8.Valid(raw) {
		return "?"
	}
	return unsafe.String(&raw[0], len(raw))
}

// optString reads an optional string: null reads as absent.
func (d *decoder) optString(p *envelope.Optional[string]) {
	if d.null() {
		*p = envelope.Optional[string]{}
		return
	}
	if s := d.string(); d.err == nil {
		*p = envelope.Some(s)
	}
}

// bytes reads a bytes value, standard padded base64; null reads as empty.
// In a dry run the bytes are checked and counted, not kept: the result has
// the right length but not the right contents.
func (d *decoder) bytes() []byte {
	switch d.peek() {
	case '"':
		off := d.i
		s, _ := d.str()
		if len(s) == 0 || d.err != nil {
			return nil
		}
		if d.dry && !hasNewline(s) {
			m := d.checkBase64(off, s)
			if m == 0 || d.err != nil {
				return nil
			}
			return s[:m:m]
		}
		n := base64.StdEncoding.DecodedLen(len(s))
		if cap(d.arena)-len(d.arena) < n {
			d.grow(n)
		}
		a := len(d.arena)
		m, err := base64.StdEncoding.Decode(d.arena[a:a+n], s)
		if err != nil {
			d.base64Error(off, err, 0)
			return nil
		}
		d.arena = d.arena[:a+m]
		if m == 0 {
			return nil
		}
		return d.arena[a : a+m : a+m]
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.wrongType("a base64 string")
	}
	return nil
}

// hasNewline reports whether s holds a CR or LF, which base64 decoding
// skips (so that chunks of s would not be quanta).
func hasNewline(s []byte) bool {
	for _, c := range s {
		if c == '\r' || c == '\n' {
			return true
		}
	}
	return false
}

// checkBase64 checks the base64 text s (of the string at off) in chunks
// decoded into a buffer on the stack, and returns its decoded length.
func (d *decoder) checkBase64(off int, s []byte) int {
	const chunk = 256 // a multiple of 4: padding can only end the last one
	var buf [chunk / 4 * 3]byte
	m := 0
	for base := 0; base < len(s); base += chunk {
		c := s[base:min(base+chunk, len(s))]
		n, err := base64.StdEncoding.Decode(buf[:], c)
		if err != nil {
			d.base64Error(off, err, int64(base))
			return 0
		}
		m += n
		if n < len(buf) && base+chunk < len(s) {
			// Padding before the end: what the whole-text decode rejects.
			d.base64Error(off, base64.CorruptInputError(0), int64(base+len(c)))
			return 0
		}
	}
	return m
}

// base64Error records an invalid base64 error for the string at off, with
// the detail the base64 package gives (built in the error: one allocation);
// a corrupt input's position is shifted by delta.
func (d *decoder) base64Error(off int, err error, delta int64) {
	e := d.failWith(ErrInvalidBase64, off)
	if ce, ok := err.(base64.CorruptInputError); ok {
		e.AddDetail("illegal base64 data at input byte ").AddDetailInt(int64(ce) + delta)
		return
	}
	e.AddDetail(err.Error())
}

// grow gives the arena room for n more bytes, in a new block if need be:
// what it already handed out stays where it is.
func (d *decoder) grow(n int) {
	c := len(d.b)
	if c < n {
		c = n
	}
	if cap(d.arena) > c {
		c = cap(d.arena)
	}
	d.arena = make([]byte, 0, c)
}

// arrayGrowAfter is how many elements a decoded array holds before the
// decoder counts the rest and grows it once to its final size, so that long
// arrays are not grown by repeated doubling.
const arrayGrowAfter = 16

// countRest returns how many elements follow the one just read in the
// array being read: its commas outside nested values and strings. It checks
// nothing: the decode that follows does.
func (d *decoder) countRest() int {
	n, depth := 0, 0
	for i := d.i; i < len(d.b); i++ {
		switch d.b[i] {
		case '"':
			for i++; i < len(d.b) && d.b[i] != '"'; i++ {
				if d.b[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			depth++
		case ']', '}':
			if depth == 0 {
				return n
			}
			depth--
		case ',':
			if depth == 0 {
				n++
			}
		}
	}
	return n
}

// number scans a JSON number at the current offset and reports whether it
// is a plain integer; negative and the digits' span are returned too.
func (d *decoder) number() (digits []byte, neg, plain bool) {
	i := d.i
	if i < len(d.b) && d.b[i] == '-' {
		neg = true
		i++
	}
	ds := i
	switch {
	case i >= len(d.b):
		d.i = i
		d.syntax("")
		return
	case d.b[i] == '0':
		i++
	case '1' <= d.b[i] && d.b[i] <= '9':
		for i++; i < len(d.b) && '0' <= d.b[i] && d.b[i] <= '9'; i++ {
		}
	default:
		d.i = i
		d.syntax("invalid number")
		return
	}
	digits = d.b[ds:i]
	plain = true
	if i < len(d.b) && d.b[i] == '.' {
		plain = false
		i++
		if i >= len(d.b) || d.b[i] < '0' || d.b[i] > '9' {
			d.i = i
			d.syntax("invalid number")
			return
		}
		for ; i < len(d.b) && '0' <= d.b[i] && d.b[i] <= '9'; i++ {
		}
	}
	if i < len(d.b) && (d.b[i] == 'e' || d.b[i] == 'E') {
		plain = false
		i++
		if i < len(d.b) && (d.b[i] == '+' || d.b[i] == '-') {
			i++
		}
		if i >= len(d.b) || d.b[i] < '0' || d.b[i] > '9' {
			d.i = i
			d.syntax("invalid number")
			return
		}
		for ; i < len(d.b) && '0' <= d.b[i] && d.b[i] <= '9'; i++ {
		}
	}
	d.i = i
	return digits, neg, plain
}

// uint reads an unsigned integer no larger than max: a plain integer
// literal, exactly; null reads as 0.
func (d *decoder) uint(max uint64) uint64 {
	c := d.peek()
	switch {
	case c == '-' || ('0' <= c && c <= '9'):
	case c == 'n':
		d.literal("null")
		return 0
	case c == 0:
		return 0
	default:
		d.wrongType("an integer")
		return 0
	}
	off := d.i
	digits, neg, plain := d.number()
	if d.err != nil {
		return 0
	}
	if !plain {
		d.failWith(ErrWrongType, off).AddDetail("expected an integer, found ").AddDetailQuoted(d.b[off:d.i])
		return 0
	}
	if neg {
		if len(digits) == 1 && digits[0] == '0' {
			d.fail(ErrWrongType, off, "expected an unsigned integer, found -0")
		} else {
			d.failWith(ErrOutOfRange, off).AddDetail("negative number ").AddDetailQuoted(d.b[off:d.i]).AddDetail(" for an unsigned field")
		}
		return 0
	}
	var v uint64
	for _, c := range digits {
		dv := uint64(c - '0')
		if v > (max-dv)/10 {
			d.failWith(ErrOutOfRange, off).AddDetailQuoted(d.b[off:d.i]).AddDetail(" exceeds ").AddDetail(widthName(max))
			return 0
		}
		v = v*10 + dv
	}
	return v
}

func widthName(max uint64) string {
	if max == math.MaxUint32 {
		return "a uint32"
	}
	return "a uint64"
}

func (d *decoder) uint64() uint64 { return d.uint(math.MaxUint64) }

func (d *decoder) uint32() uint32 { return uint32(d.uint(math.MaxUint32)) }

// bool reads a boolean; null reads as false.
func (d *decoder) bool() bool {
	switch d.peek() {
	case 't':
		d.literal("true")
		return d.err == nil
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.wrongType(foundBool)
	}
	return false
}

// skip reads any JSON value, checking its syntax: unknown fields, and the
// check of a whole record's syntax.
func (d *decoder) skip() {
	switch c := d.peek(); c {
	case '{':
		if !d.enter() {
			return
		}
		d.i++
		for n := 0; ; {
			if _, ok := d.member(&n); !ok {
				return
			}
			d.skip()
		}
	case '[':
		if !d.enter() {
			return
		}
		d.i++
		for n := 0; d.elem(&n); {
			d.skip()
		}
	case '"':
		d.skipString()
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	case 0:
	default:
		if c == '-' || ('0' <= c && c <= '9') {
			d.number()
			return
		}
		d.syntax("invalid character")
	}
}

// skipString checks the syntax of a string without unescaping it.
func (d *decoder) skipString() {
	for i := d.i + 1; i < len(d.b); {
		switch c := d.b[i]; {
		case c == '"':
			d.i = i + 1
			return
		case c < 0x20:
			d.i = i
			d.syntax("control character in a string")
			return
		case c == '\\':
			if i+1 >= len(d.b) {
				i++
				continue
			}
			switch d.b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if hex4(d.b[i+2:]) < 0 {
					d.i = i
					d.syntax("invalid \\u escape")
					return
				}
				i += 6
			default:
				d.i = i
				d.syntax("invalid escape")
				return
			}
		default:
			i++
		}
	}
	d.i = len(d.b)
	d.syntax("")
}

// checkSyntax checks that b[start:] is one JSON value followed by nothing
// but whitespace, and returns the first syntax error (malformed JSON,
// trailing data or nesting too deep), or nil. A decode that met another
// error calls it so that, as with encoding/json, malformed text anywhere in
// the record takes precedence over what the text means; it passes that
// error as spare, which a syntax error then overwrites (no new allocation),
// and its arena, for keys with escapes.
func checkSyntax(b []byte, start int, spare *wire.Error, arena []byte) *wire.Error {
	c := decoder{b: b, i: start, spare: spare, arena: arena[:0]}
	c.skip()
	if c.err == nil {
		c.trailing()
	}
	return c.err
}

// trailing checks that only whitespace is left.
func (d *decoder) trailing() {
	d.ws()
	if d.err == nil && d.i < len(d.b) {
		d.fail(ErrTrailingData, d.i, "")
	}
}
