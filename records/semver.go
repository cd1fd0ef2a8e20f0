package records

// ValidSemVer reports whether v is a version in the strict syntax of Semantic
// Versioning 2.0.0 (https://semver.org), as VersionBarrier.Version must be:
// MAJOR.MINOR.PATCH, three numbers without leading zeros; then optionally
// "-" and a pre-release of dot-separated identifiers of [0-9A-Za-z-], the
// numeric ones without leading zeros; then optionally "+" and build metadata
// of dot-separated identifiers of [0-9A-Za-z-]. Identifiers are not empty.
// There is no leading "v" and no surrounding space. It does not allocate.
func ValidSemVer(v string) bool {
	i := 0
	for part := 0; part < 3; part++ {
		if part > 0 {
			if i >= len(v) || v[i] != '.' {
				return false
			}
			i++
		}
		j := i
		for j < len(v) && isDigit(v[j]) {
			j++
		}
		if j == i || (v[i] == '0' && j-i > 1) {
			return false
		}
		i = j
	}
	if i < len(v) && v[i] == '-' {
		if i = identifiers(v, i+1, true); i < 0 {
			return false
		}
	}
	if i < len(v) && v[i] == '+' {
		if i = identifiers(v, i+1, false); i < 0 {
			return false
		}
	}
	return i == len(v)
}

// identifiers reads dot-separated identifiers from v[i:] and returns where
// they end, or -1 if one is empty or (for a pre-release) numeric with a
// leading zero.
func identifiers(v string, i int, preRelease bool) int {
	for {
		j, numeric := i, true
		for j < len(v) && isIdentChar(v[j]) {
			if !isDigit(v[j]) {
				numeric = false
			}
			j++
		}
		if j == i || (preRelease && numeric && v[i] == '0' && j-i > 1) {
			return -1
		}
		if j == len(v) || v[j] != '.' {
			return j
		}
		i = j + 1
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isIdentChar(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || c == '-'
}
