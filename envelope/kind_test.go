package envelope_test

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// nextKind hands out user kinds no other test registers, so that the tests
// can run more than once in one process (-count).
var nextKind atomic.Uint32

func freshKind() envelope.Kind { return envelope.Kind(50_000 + nextKind.Add(1)) }

func panics(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "panic"
			}
		}
	}()
	f()
	return ""
}

// TestRegisterKind: user kinds start at 1000; registering a reserved kind,
// a kind or a name that exists, kind 0, an empty name or no constructor is
// refused (a panic at init, registering nothing), so Invoke stays Invoke.
func TestRegisterKind(t *testing.T) {
	newNote := func() envelope.Decodable { return new(note) }
	k := freshKind()
	name := "UserKind" + k.String()
	cases := []struct {
		name, want string
		f          func()
	}{
		{"reserved kind 8", "reserved", func() { envelope.RegisterKind(8, "MyInvoke", newNote) }},
		{"reserved kind 999", "reserved", func() { envelope.RegisterKind(999, "Mine", newNote) }},
		{"kind 0", "unknown kind", func() { envelope.RegisterKind(0, "Zero", newNote) }},
		{"existing user kind", "already registered, as Note", func() { envelope.RegisterKind(kindNote, "Note2", newNote) }},
		{"existing name", `"Invoke" is already registered`, func() { envelope.RegisterKind(k, "Invoke", newNote) }},
		{"empty name", "without a name", func() { envelope.RegisterKind(k, "", newNote) }},
		{"no constructor", "without a constructor", func() { envelope.RegisterKind(k, name, nil) }},
	}
	for _, c := range cases {
		if msg := panics(c.f); !strings.Contains(msg, c.want) {
			t.Errorf("%s: panic %q, want one saying %q", c.name, msg, c.want)
		}
	}
	if got := records.KindInvoke.String(); got != "Invoke" {
		t.Fatalf("kind 8 is now %q", got)
	}
	if got := kindNote.String(); got != "Note" {
		t.Fatalf("kind 1000 is now %q", got)
	}
	if got := k.String(); !strings.HasPrefix(got, "Kind(") {
		t.Fatalf("a refused registration registered %q", got)
	}
	if msg := panics(func() { envelope.RegisterKind(k, name, newNote) }); msg != "" {
		t.Fatalf("a user kind: %s", msg)
	}
	if got, ok := envelope.KindByName(name); !ok || got != k || k.String() != name {
		t.Fatalf("KindByName(%q) = %v, %v; String %q", name, got, ok, k.String())
	}
}

// TestDecodeByKind: a record decodes into a value of its kind, found in the
// registry, for users' kinds and the record set's alike.
func TestDecodeByKind(t *testing.T) {
	inv, err := (&envelope.Record{Source: envelope.IngressSource(), Payload: &records.TruncateOutbox{Index: 3, PartitionKeyRange: envelope.SingleKey(9)}}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	mine, err := (&envelope.Record{Payload: &note{Key: 7, Text: "hi"}}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		rec  []byte
		want any
	}{{inv, &records.TruncateOutbox{Index: 3, PartitionKeyRange: envelope.SingleKey(9)}}, {mine, &note{Key: 7, Text: "hi"}}} {
		raw, err := envelope.Parse(c.rec)
		if err != nil {
			t.Fatal(err)
		}
		p, err := raw.DecodeNew()
		if err != nil {
			t.Fatalf("%v: %v", raw.Header.Kind, err)
		}
		switch want := c.want.(type) {
		case *note:
			if got, ok := p.(*note); !ok || *got != *want {
				t.Fatalf("got %#v", p)
			}
		case *records.TruncateOutbox:
			if got, ok := p.(*records.TruncateOutbox); !ok || *got != *want {
				t.Fatalf("got %#v", p)
			}
		}
	}
	raw, _ := envelope.Parse(mine)
	raw.Header.Kind = freshKind()
	if _, err := raw.DecodeNew(); !errors.Is(err, envelope.ErrUnknownKind) {
		t.Fatalf("unregistered kind: %v", err)
	}
	if _, err := envelope.NewPayload(12345678); !errors.Is(err, envelope.ErrUnknownKind) {
		t.Fatalf("NewPayload of an unregistered kind: %v", err)
	}
}

// liar is a note whose Size is one byte short.
type liar struct{ note }

func (l *liar) Size() int { return l.note.Size() - 1 }

// TestCheckPayload: CheckPayload passes every payload of the record set and
// the test's own, and reports a Size that lies, an invalid value and a nil
// payload.
func TestCheckPayload(t *testing.T) {
	all := append(samples.All(), samples.Minimal()...)
	for _, p := range all {
		if err := envelope.CheckPayload(p); err != nil {
			t.Errorf("%v: %v", p.Kind(), err)
		}
	}
	if len(all) < 44 {
		t.Fatalf("only %d samples", len(all))
	}
	if err := envelope.CheckPayload(&note{Key: 1, Text: "x"}); err != nil {
		t.Fatal(err)
	}
	var se *wire.Error
	if err := envelope.CheckPayload(&liar{note{Key: 1, Text: "x"}}); !errors.Is(err, envelope.ErrSizeMismatch) || !errors.As(err, &se) || !strings.HasSuffix(se.Detail, ": Size 4, AppendTo wrote 5") {
		t.Fatalf("lying Size: %v", err)
	}
	if err := envelope.CheckPayload(&note{}); !errors.Is(err, envelope.ErrMissingField) {
		t.Fatalf("invalid payload: %v", err)
	}
	if err := envelope.CheckPayload((*note)(nil)); !errors.Is(err, envelope.ErrMissingField) {
		t.Fatalf("nil payload: %v", err)
	}
}
