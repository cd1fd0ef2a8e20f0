package wire_test

import (
	"fmt"

	"github.com/walwire/walwire/wire"
)

func ExampleAppendVarint() {
	var b []byte
	for _, v := range []uint64{1, 150, 300, 1 << 63} {
		b = wire.AppendVarint(b[:0], v)
		fmt.Printf("%d: % x (%d bytes)\n", v, b, wire.SizeVarint(v))
	}
	// A negative int32 is sign-extended to 10 bytes, as protobuf requires.
	fmt.Printf("int32 -1: % x\n", wire.AppendInt32(nil, -1))
	// Output:
	// 1: 01 (1 bytes)
	// 150: 96 01 (2 bytes)
	// 300: ac 02 (2 bytes)
	// 9223372036854775808: 80 80 80 80 80 80 80 80 80 01 (10 bytes)
	// int32 -1: ff ff ff ff ff ff ff ff ff 01
}

func ExampleConsumeVarint() {
	in := []byte{0x96, 0x01, 0x80, 0x00, 0x80}
	v, n, err := wire.ConsumeVarint(in)
	fmt.Println(v, n, err)
	// Overlong encodings are valid: 80 00 is 0 in two bytes.
	v, m, err := wire.ConsumeVarint(in[n:])
	fmt.Println(v, m, err)
	// The last byte has its continuation bit set, and nothing follows.
	_, _, err = wire.ConsumeVarint(in[n+m:])
	fmt.Println(err)
	// Output:
	// 150 2 <nil>
	// 0 2 <nil>
	// walwire: truncated input at offset 0
}

func ExampleReader() {
	// A message: id = 150 (field 1), name = "ada" (field 2), tags = [3 270]
	// (field 3, packed), an unknown fixed32 (field 9), then id again.
	var msg []byte
	msg = wire.AppendVarint(wire.AppendTag(msg, 1, wire.VarintType), 150)
	msg = wire.AppendString(wire.AppendTag(msg, 2, wire.BytesType), "ada")
	msg = wire.AppendPackedVarint(wire.AppendTag(msg, 3, wire.BytesType), []uint32{3, 270})
	msg = wire.AppendFixed32(wire.AppendTag(msg, 9, wire.Fixed32Type), 7)
	msg = wire.AppendVarint(wire.AppendTag(msg, 1, wire.VarintType), 151)

	var (
		id   uint64
		name string
		tags []uint32
	)
	r := wire.NewReader(msg, wire.ZeroCopy)
	for r.Next() {
		fmt.Printf("field %d (%v) at offset %d\n", r.Number(), r.Type(), r.Offset())
		switch r.Number() {
		case 1:
			r.Uint64(&id)
		case 2:
			r.String(&name)
		case 3:
			wire.UnpackVarints(&r, &tags)
		}
	}
	if err := r.Err(); err != nil {
		fmt.Println(err)
		return
	}
	// The last id wins.
	fmt.Println(id, name, tags)
	// Output:
	// field 1 (varint) at offset 0
	// field 2 (bytes) at offset 3
	// field 3 (bytes) at offset 8
	// field 9 (fixed32) at offset 13
	// field 1 (varint) at offset 18
	// 151 ada [3 270]
}

func ExampleReader_MessageInto() {
	// Two headers, each an embedded message { string name = 1; string value = 2; }
	// in field 6; the second value is not UTF-8.
	header := func(name, value string) []byte {
		h := wire.AppendString(wire.AppendTag(nil, 1, wire.BytesType), name)
		return wire.AppendString(wire.AppendTag(h, 2, wire.BytesType), value)
	}
	var msg []byte
	msg = wire.AppendBytes(wire.AppendTag(msg, 6, wire.BytesType), header("content-type", "text/plain"))
	msg = wire.AppendBytes(wire.AppendTag(msg, 6, wire.BytesType), header("x-bad", "\xff"))

	type entry struct{ name, value string }
	var entries []entry
	r := wire.NewReader(msg, wire.ZeroCopy)
	var sub wire.Reader // one sub-reader for every embedded message
	for r.Next() {
		if r.Number() != 6 || !r.MessageInto(&sub) {
			continue
		}
		var e entry
		for sub.Next() {
			switch sub.Number() {
			case 1:
				sub.NamedString(&e.name, "name")
			case 2:
				sub.NamedString(&e.value, "value")
			}
		}
		if err := sub.Err(); err != nil {
			fmt.Println(wire.Within(err, "headers"))
			break
		}
		entries = append(entries, e)
	}
	fmt.Println(entries)
	// Output:
	// walwire: invalid UTF-8 in headers.value (field 2) at offset 39
	// [{content-type text/plain}]
}
