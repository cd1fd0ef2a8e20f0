package utf8fast

import (
	"testing"
	"unicode/utf8"
)

var cases = []string{
	"", "a", "abcdefg", "abcdefgh", "abcdefghi", "x-request-id", "application/json; charset=utf-8",
	"héllo", "日本語", "abcdefgh\xff", "\xff", "abc\xc3", "\xed\xa0\x80", "abcdefghijklmnop\xe2\x82\xac", "\x7f\x80",
}

func TestAgreesWithUTF8(t *testing.T) {
	for _, s := range cases {
		if got, want := ValidString(s), utf8.ValidString(s); got != want {
			t.Errorf("ValidString(%q) = %v, want %v", s, got, want)
		}
		if got, want := Valid([]byte(s)), utf8.Valid([]byte(s)); got != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzAgreesWithUTF8 is the differential target: the fast path never
// changes the answer of unicode/utf8.
func FuzzAgreesWithUTF8(f *testing.F) {
	for _, s := range cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ValidString(s), utf8.ValidString(s); got != want {
			t.Fatalf("ValidString(%q) = %v, want %v", s, got, want)
		}
		if got, want := Valid([]byte(s)), utf8.Valid([]byte(s)); got != want {
			t.Fatalf("Valid(%q) = %v, want %v", s, got, want)
		}
	})
}

var sink bool

func BenchmarkValidString(b *testing.B) {
	for _, s := range []string{"x-request-id", "application/json; charset=utf-8", "greeter.Greeter/SayHello"} {
		b.Run("impl=utf8fast/len="+itoa(len(s)), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sink = ValidString(s)
			}
		})
		b.Run("impl=utf8/len="+itoa(len(s)), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sink = utf8.ValidString(s)
			}
		})
	}
}

func itoa(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }
