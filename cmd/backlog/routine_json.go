package main

import (
	"encoding/json"

	"github.com/urfave/cli/v2"

	"backlog/analysis"
	"backlog/journal"
)

// routineItem is one exercise of routine --json: the routine entry as export
// writes it, with today's advice for it.
type routineItem struct {
	journal.RoutineEntry
	Advice analysis.Suggestion
}

// MarshalJSON flattens the entry and the advice's dose and action into one
// object: {"id", "exercise", "days" or "per_week", "since", …, "name",
// "action", "rule", "current", "next", "reason"}.
func (it routineItem) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(it.RoutineEntry)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	m["name"], m["action"], m["rule"] = it.Advice.Name, it.Advice.Action, it.Advice.Rule
	m["current"], m["next"], m["reason"] = it.Advice.Current, it.Advice.Next, it.Advice.Reason
	return json.Marshal(m)
}

// writeRoutineJSON writes the routine in force today, an empty array without
// one.
func writeRoutineJSON(c *cli.Context, e *env, s *journal.Store) error {
	planned, err := planRoutine(c.Context, s, e.today())
	if err != nil {
		return err
	}
	out := []routineItem{}
	for _, it := range planned {
		out = append(out, routineItem{RoutineEntry: it.RoutineEntry, Advice: it.plan.advice})
	}
	return writeJSON(c, out)
}
