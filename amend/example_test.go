package amend_test

import (
	"fmt"
	"os"
	"strings"

	"atazan/amend"
	"atazan/charter"
)

const draftText = `Constitution
Article 1
1. The Republic is a democratic state.
2. The people are the source of power.
Article 2
The state language is Kazakh.
Note. Russian is used officially.
`

func draft() *charter.Document {
	d, err := charter.Parse([]byte(draftText), charter.FormatText, "en")
	if err != nil {
		panic(err)
	}
	return d
}

func ExampleApply() {
	a, err := amend.Parse([]byte(`{"title":"Languages","clusters":["c-17"],"ops":[
		{"op":"insert_after","unit":"art_2__para_u1","kind":"paragraph","text":"The state cares for every language."},
		{"op":"delete","unit":"art_2__note_1"},
		{"op":"insert_after","unit":"art_1","kind":"article","number":"1-1","heading":"Rights","text":"Rights are inalienable."}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	next, err := amend.Apply(draft(), a)
	if err != nil {
		fmt.Println(err)
		return
	}
	next.Walk(func(u, _ *charter.Unit) bool {
		fmt.Println(strings.Join(strings.Fields(fmt.Sprint(u.ID, " ", u.Heading, " ", u.Text)), " "))
		return true
	})
	// Output:
	// art_1
	// art_1__para_1 The Republic is a democratic state.
	// art_1__para_2 The people are the source of power.
	// art_1-1 Rights
	// art_1-1__para_u1 Rights are inalienable.
	// art_2
	// art_2__para_u1 The state language is Kazakh.
	// art_2__para_u2 The state cares for every language.
}

func ExampleApply_error() {
	a, _ := amend.Parse([]byte(`{"title":"Renumber","ops":[
		{"op":"replace","unit":"art_1__para_1","text":"The Republic is a social state."},
		{"op":"insert_after","unit":"art_1__para_1","kind":"paragraph","number":"2","text":"Again."}]}`))
	_, err := amend.Apply(draft(), a)
	fmt.Println(err)
	// Output:
	// ops[1]: paragraph 2. exists already in art_1
}

func ExamplePreview() {
	a, _ := amend.Parse([]byte(`{"title":"Social state","ops":[
		{"op":"replace","unit":"art_1__para_1","text":"The Republic is a democratic and social state."}]}`))
	changes, err := amend.Preview(draft(), a)
	if err != nil {
		fmt.Println(err)
		return
	}
	charter.WriteDiffText(os.Stdout, charter.Meta{Version: "Draft 1"}, charter.Meta{Version: "Draft 1 amended"}, changes)
	// Output:
	// --- Draft 1
	// +++ Draft 1 amended
	// ~ art_1__para_1 (changed)
	//     The Republic is a democratic {+and social +}state.
}

func ExampleConflicts() {
	a, _ := amend.Parse([]byte(`{"title":"A","ops":[{"op":"delete","unit":"art_2"}]}`))
	b, _ := amend.Parse([]byte(`{"title":"B","ops":[{"op":"replace","unit":"art_2__para_u1","text":"Kazakh is the state language."}]}`))
	cs, _ := amend.Conflicts(draft(), []*amend.Amendment{a, b})
	for _, c := range cs {
		fmt.Printf("%d and %d: %s (%s)\n", c.A, c.B, c.Reason, c.Kind)
	}
	// Output:
	// 0 and 1: one amendment deletes art_2__para_u1, which the other changes (deleted)
}

func ExampleRebase() {
	adopted, _ := amend.Parse([]byte(`{"title":"Adopted","ops":[{"op":"insert_before","unit":"art_2__para_u1","kind":"paragraph","text":"Kazakhstan has one state language."}]}`))
	later, _ := amend.Parse([]byte(`{"title":"Later","ops":[{"op":"replace","unit":"art_2__para_u1","text":"The state language is Qazaq."},{"op":"delete","unit":"art_2__note_1"}]}`))
	r, _ := amend.Rebase(draft(), adopted, later)
	fmt.Println(r.OK())
	for _, op := range r.Amendment.Ops {
		fmt.Println(op.Op, op.Unit)
	}
	// Output:
	// true
	// replace art_2__para_u2
	// delete art_2__note_1
}
