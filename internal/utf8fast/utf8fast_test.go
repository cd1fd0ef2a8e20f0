package utf8fast

import (
	"testing"
	"unicode/utf8"
)

var cases = []string{
	"", "a", "abcdefg", "abcdefgh", "abcdefghi", "x-request-id", "application/json; charset=utf-8",
	"héllo", "日本語", "abcdefgh\xff", "\xff", "abc\xc3", "\xed\xa0\x80", "abcdefghijklmnop\xe2\x82\xac", "\x7f\x80",
	// ShortASCII's cases: each length to 17, with a high byte at each end
	// and in the middle (where the overlapping loads meet).
	"ab", "abc", "abcd", "abcde", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq",
	"\x80b", "a\x80c", "ab\x80", "abc\x80", "\x80bcd", "abcd\x80fgh", "abcdefg\x80ijklmnop", "abcdefghijklmno\x80",
}

// isASCII is ShortASCII's definition: every byte below 0x80, and at most 16.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return len(s) <= 16
}

// checkAgrees checks Valid and ValidString against unicode/utf8, and
// ShortASCII against its definition.
func checkAgrees(t *testing.T, s string) {
	t.Helper()
	if got, want := ValidString(s), utf8.ValidString(s); got != want {
		t.Errorf("ValidString(%q) = %v, want %v", s, got, want)
	}
	if got, want := Valid([]byte(s)), utf8.Valid([]byte(s)); got != want {
		t.Errorf("Valid(%q) = %v, want %v", s, got, want)
	}
	if got, want := ShortASCII([]byte(s)), isASCII(s); got != want {
		t.Errorf("ShortASCII(%q) = %v, want %v", s, got, want)
	}
}

func TestAgreesWithUTF8(t *testing.T) {
	for _, s := range cases {
		checkAgrees(t, s)
	}
	// Every length to 17, ASCII, then with a high byte at each position.
	for n := 0; n <= 17; n++ {
		b := []byte("abcdefghijklmnopq"[:n])
		checkAgrees(t, string(b))
		for i := range b {
			c := append([]byte(nil), b...)
			c[i] = 0xc3
			checkAgrees(t, string(c))
		}
	}
}

// FuzzAgreesWithUTF8 is the differential target: the fast path never
// changes the answer of unicode/utf8, and ShortASCII never calls text ASCII
// that is not.
func FuzzAgreesWithUTF8(f *testing.F) {
	for _, s := range cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAgrees(t, s)
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
