package records_test

import (
	"testing"

	"github.com/walwire/walwire/records"
)

func TestValidSemVer(t *testing.T) {
	valid := []string{
		"0.0.0", "1.0.0", "0.0.4", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta",
		"1.1.2+meta-valid", "1.0.0-alpha", "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-alpha.beta.1",
		"1.0.0-alpha.1", "1.0.0-alpha0.valid", "1.0.0-alpha.0valid", "1.0.0-rc.1+build.1",
		"2.0.0-rc.1+build.123", "1.2.3-beta", "10.2.3-DEV-SNAPSHOT", "1.2.3-SNAPSHOT-123",
		"2.0.0+build.1848", "2.0.1-alpha.1227", "1.0.0-alpha+beta", "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
		"1.2.3----R-S.12.9.1--.12+meta", "1.2.3----RC-SNAPSHOT.12.9.1--.12", "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
		"99999999999999999999999.999999999999999999.99999999999999999", "1.0.0-0A.is.legal",
		"1.0.0-0", "1.0.0-x-y-z.--", "1.0.0+001", "1.0.0-alpha.0",
	}
	invalid := []string{
		"", "1", "1.2", "1.2.3-0123", "1.2.3-0123.0123", "1.1.2+.123", "+invalid", "-invalid",
		"-invalid+invalid", "-invalid.01", "alpha", "alpha.beta", "alpha.beta.1", "alpha.1", "alpha+beta",
		"alpha_beta", "alpha.", "alpha..", "beta", "1.0.0-alpha_beta", "-alpha.", "1.0.0-alpha..",
		"1.0.0-alpha..1", "1.0.0-alpha...1", "1.0.0-alpha....1", "1.0.0-alpha.....1", "1.0.0-alpha......1",
		"1.0.0-alpha.......1", "01.1.1", "1.01.1", "1.1.01", "1.2.3.DEV", "1.2-SNAPSHOT",
		"1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788", "1.2-RC-SNAPSHOT", "-1.0.3-gamma+b7718",
		"+justmeta", "9.8.7+meta+meta", "9.8.7-whatever+meta+meta", "v1.0.0", "V1.0.0", " 1.0.0", "1.0.0 ",
		"1.0.0-", "1.0.0+", "1.0.0-+", "1.0.0-a.", "1.0.0+a.", "1.0.0+a..b", "1.0.0-ä", "1..0", "1.0.0.0",
		"1.0.0-01", "1.0.0-00", "a.b.c", "1.0.x", "1.0.0\x00",
	}
	for _, v := range valid {
		if !records.ValidSemVer(v) {
			t.Errorf("ValidSemVer(%q) = false, want true", v)
		}
	}
	for _, v := range invalid {
		if records.ValidSemVer(v) {
			t.Errorf("ValidSemVer(%q) = true, want false", v)
		}
	}
	ok := false
	if n := testing.AllocsPerRun(100, func() { ok = records.ValidSemVer("1.0.0-rc.1+build.7") }); n != 0 || !ok {
		t.Errorf("ValidSemVer allocates %v times (valid: %v)", n, ok)
	}
}
