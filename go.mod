module github.com/walwire/walwire

go 1.24

require (
	github.com/valyala/bytebufferpool v1.0.0
	google.golang.org/protobuf v1.36.12
)
