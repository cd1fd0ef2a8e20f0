module github.com/walwire/walwire/kafka

go 1.26.0

replace github.com/walwire/walwire => ../

require (
	github.com/twmb/franz-go v1.21.7
	github.com/walwire/walwire v0.0.0-00010101000000-000000000000
)

require (
	github.com/klauspost/compress v1.20.0 // indirect
	github.com/pierrec/lz4/v4 v4.1.30 // indirect
	github.com/twmb/franz-go/pkg/kmsg v1.14.0 // indirect
	github.com/valyala/bytebufferpool v1.0.0 // indirect
)
