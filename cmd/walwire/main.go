// Command walwire inspects, checks, converts, repairs and generates walwire
// record streams (the byte format is described in FORMAT.md at the root of
// the repository).
//
// Usage:
//
//	walwire inspect [flags] FILE|-   one line (or one JSON object) per record
//	walwire verify FILE|-            check every frame and payload, print a summary
//	walwire upgrade IN OUT           rewrite a stream of v1 records as v2
//	walwire repair [--force] FILE    cut a torn tail off a log file
//	walwire decode-raw               print a protobuf message as protoc --decode_raw
//	walwire gen -n N [--seed S] [--v1] [--plain]   write a sample stream
//
// Exit status: 0 ok, 1 damaged or invalid input, 2 usage error. Messages go
// to standard error and name the stream offset of any damage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/walwire/walwire/frame"
)

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

// env is what a subcommand runs with: its standard streams.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// stderrFile is standard error as a file when it is one (for the
	// progress bar's terminal check); nil in tests.
	stderrFile *os.File
}

// command is one subcommand.
type command struct {
	summary string
	run     func(e *env, args []string) int
}

var commands = map[string]command{
	"inspect":    {"print one line (or JSON object) per record", runInspect},
	"verify":     {"check every frame and payload, print a summary", runVerify},
	"upgrade":    {"rewrite a stream of v1 records as v2", runUpgrade},
	"repair":     {"cut a torn tail off a log file", runRepair},
	"decode-raw": {"print a protobuf message from stdin as protoc --decode_raw", runDecodeRaw},
	"gen":        {"write a deterministic sample stream of every kind", runGen},
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, stderrFile: os.Stderr}
	os.Exit(run(e, os.Args[1:]))
}

// run dispatches to a subcommand and returns the exit code.
func run(e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(e.stdout)
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "walwire: unknown command %q\n", args[0])
		usage(e.stderr)
		return exitUsage
	}
	return c.run(e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: walwire <command> [flags] [args]")
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'walwire <command> -h' for a command's flags. Exit status: 0 ok, 1 damaged or invalid input, 2 usage.")
}

// errUsage marks a usage error (exit 2).
var errUsage = errors.New("usage")

// parseFlags parses args with fs, allowing flags after positional arguments
// (walwire inspect FILE --limit 5), and checks the number of positional
// arguments is within [min, max]. On a usage error it has printed the
// message and returns errUsage; -h returns flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string, min, max int, e *env) ([]string, error) {
	fs.SetOutput(e.stderr)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
		if pos[len(pos)-1] == "--" {
			pos = append(pos[:len(pos)-1], args...)
			break
		}
	}
	if len(pos) < min || len(pos) > max {
		want := fmt.Sprintf("%d", min)
		if max != min {
			want = fmt.Sprintf("%d to %d", min, max)
		}
		fmt.Fprintf(e.stderr, "walwire %s: want %s argument(s), got %d: %s\n", fs.Name(), want, len(pos), strings.Join(pos, " "))
		fs.Usage()
		return nil, errUsage
	}
	return pos, nil
}

// flagExit is the exit code for an error of parseFlags.
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// newFlags returns a flag set for subcommand name whose usage line is
// synopsis.
func newFlags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: walwire %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// fail prints a message for command name on stderr and returns code.
func fail(e *env, name string, code int, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "walwire %s: %s\n", name, fmt.Sprintf(format, args...))
	return code
}

// usageError prints a usage error with the command's usage and returns 2.
func usageError(e *env, fs *flag.FlagSet, err error) int {
	fmt.Fprintf(e.stderr, "walwire %s: %v\n", fs.Name(), err)
	fs.Usage()
	return exitUsage
}

// frameOptions are the frame options of the --plain flag.
func frameOptions(plain bool) frame.Options { return frame.Options{Plain: plain} }
