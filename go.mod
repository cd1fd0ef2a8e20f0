module github.com/walwire/walwire

go 1.24

require (
	github.com/schollz/progressbar/v3 v3.18.0
	github.com/valyala/bytebufferpool v1.0.0
	golang.org/x/term v0.30.0
	google.golang.org/protobuf v1.36.12
)

require (
	github.com/mitchellh/colorstring v0.0.0-20190213212951-d06e56a500db // indirect
	github.com/rivo/uniseg v0.4.7 // indirect
	golang.org/x/sys v0.31.0 // indirect
)
