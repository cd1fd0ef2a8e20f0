module github.com/walwire/walwire/bench

go 1.24.0

require (
	github.com/VictoriaMetrics/easyproto v1.1.3
	github.com/planetscale/vtprotobuf v0.6.0
	github.com/walwire/walwire v0.0.0-00010101000000-000000000000
	google.golang.org/protobuf v1.36.12
)

require (
	buf.build/go/hyperpb v0.1.3
	github.com/valyala/bytebufferpool v1.0.0
)

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/stretchr/testify v1.10.0 // indirect
	github.com/timandy/routine v1.1.5 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

replace github.com/walwire/walwire => ../
