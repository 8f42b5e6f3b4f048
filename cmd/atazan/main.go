// Command atazan runs a participatory constitutional reform: the charter as
// structured, versioned text, and (as the platform grows) the public
// consultation, the commission and the referendum, all on one public record.
//
// Run "atazan --help" for the commands. Machine-readable output (--json,
// exports) goes to standard output and nothing else does; logs, progress and
// errors go to standard error. Exit status: 0 success, 1 failure, 2 usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"atazan"
	"atazan/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// Main is the program: its standard streams and the commands it runs. Tests
// run it in-process with buffers.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer

	// Ready, when set, receives the address a server listens on (for tests on port 0).
	Ready func(addr string)
}

// command is one subcommand: "charter import", "serve", …
type command struct {
	name    string // words after "atazan"
	args    string // positional arguments, for the usage line
	summary string
	help    string // long help
	flags   func(fs *flag.FlagSet) func(ctx context.Context, m *Main, args []string) error
	nargs   int // number of positional arguments required (-1: any)
}

func (m *Main) commands() []*command {
	return append([]*command{

		serveCommand(), demoCommand(),
		charterImportCommand(), charterPublishCommand(), charterListCommand(),
		charterDiffCommand(), charterTableCommand(), charterExportCommand(),
		userAddCommand(), userRoleCommand(), userDisableCommand(),
		consultationOpenCommand(), proposalsImportCommand(), proposalsExportCommand(), genProposalsCommand(),
		commissionCreateCommand(), commissionMembersImportCommand(), commissionPublishCommand(), amendmentApplyCommand(),
		proposalsReclusterCommand(), proposalsTableCommand(),
		proposalsClusterCommand(),
		logKeyCommand(), logVerifyCommand(), auditCommand(), benchLogCommand(), benchSearchCommand(), benchSubmitCommand(), benchMeetingCommand(),
	}, referendumCommands()...)
}

// usageError is a wrong invocation: exit status 2 with usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Run runs the command named by args and returns the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	cmds := m.commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		m.usage(cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	// Find the longest command name that prefixes args.
	var cmd *command
	var rest []string
	for _, c := range cmds {
		words := strings.Fields(c.name)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == c.name {
			if cmd == nil || len(words) > len(strings.Fields(cmd.name)) {
				cmd, rest = c, args[len(words):]
			}
		}
	}
	if cmd == nil {
		fmt.Fprintf(m.Stderr, "atazan: unknown command %q\n\n", strings.Join(args, " "))
		m.usage(cmds)
		return 2
	}
	fs := flag.NewFlagSet("atazan "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	run := cmd.flags(fs)
	printUsage := func(w io.Writer) {
		fmt.Fprintf(w, "Usage: atazan %s [flags] %s\n\n%s\n", cmd.name, cmd.args, strings.TrimSpace(cmd.help))
		fmt.Fprintf(w, "\nFlags (before or after the arguments):\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	pos, err := parseInterspersed(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(m.Stderr)
		return 0
	}
	if err == nil && cmd.nargs >= 0 && len(pos) != cmd.nargs {
		err = fmt.Errorf("want %d argument(s) (%s), got %d", cmd.nargs, cmd.args, len(pos))
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "atazan %s: %v\n\n", cmd.name, err)
		printUsage(m.Stderr)
		return 2
	}
	if err := run(ctx, m, pos); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(m.Stderr, "atazan %s: %v\n\n", cmd.name, err)
			printUsage(m.Stderr)
			return 2
		}
		fmt.Fprintf(m.Stderr, "atazan %s: %s\n", cmd.name, atazan.ErrorMessage(err))
		if atazan.ErrorCode(err) == atazan.EInternal {
			fmt.Fprintf(m.Stderr, "  (%v)\n", err)
		}
		return 1
	}
	return 0
}

// parseInterspersed parses flags that may come before or after positional
// arguments; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		// fs.Parse stops at the first non-flag; a lone "--" it consumed is gone,
		// so everything left after one is positional.
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func (m *Main) usage(cmds []*command) {
	w := m.Stderr
	fmt.Fprintf(w, "atazan runs a participatory constitutional reform on a public, verifiable record.\n\n")
	fmt.Fprintf(w, "Usage: atazan COMMAND [flags] [arguments]\n\nCommands:\n")
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-18s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun \"atazan COMMAND --help\" for a command's flags. Databases are named by --db:\n")
	fmt.Fprintf(w, "sqlite:PATH (default %s) or postgres://USER@HOST:PORT/DB.\n", store.DefaultDSN)
}

// logger writes structured logs to standard error.
func (m *Main) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}
