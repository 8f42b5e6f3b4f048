package main

import (
	"context"
	"flag"
	"fmt"
)

func logKeyCommand() *command {
	return &command{
		name:    "log key",
		summary: "print the public log's verifier key (give it to auditors)",
		nargs:   0,
		help: `Prints the verifier key of the public log's checkpoints in the signed-note
verifier format ("<origin>+<hash>+<base64 key>"). Auditors pass it to
"atazan audit --key". The signing key is made on the first command that opens
a database without one.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			sf.verifyOnly = true
			return func(ctx context.Context, m *Main, _ []string) error {
				s, k, err := sf.open(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				fmt.Fprintln(m.Stdout, k.vkey)
				return nil
			}
		},
	}
}
