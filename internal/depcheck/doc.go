// Package depcheck holds a test that the library packages import only the
// standard library, github.com/valyala/bytebufferpool and each other. It has
// no code of its own.
package depcheck
