module github.com/walwire/walwire/bench

go 1.24

require (
	github.com/VictoriaMetrics/easyproto v1.1.3
	github.com/planetscale/vtprotobuf v0.6.0
	github.com/walwire/walwire v0.0.0-00010101000000-000000000000
	google.golang.org/protobuf v1.36.12
)

require github.com/valyala/bytebufferpool v1.0.0

replace github.com/walwire/walwire => ../
