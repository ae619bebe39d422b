# perfprog diff: one line per change. The path is the model's field path and
# stays as it is in every language; `--json` writes the machine fields only.

diff-added = + { $what } { $path }{ $figure }
diff-removed = - { $what } { $path }{ $figure }
diff-changed = ~ { $what } { $path }
diff-changed-from-to = ~ { $what } { $path }: { $before } → { $after }
diff-figure = {" "}({ $figure })

# What changed (the change's `what`).
diff-what = { $what ->
    [sub_program_goal] goal
   *[other] { $what }
}

# Words of the model shown as a field's value (printed or not, a yes/no mark,
# a layout).
diff-word = { $word ->
    [not-printed] not printed
    [one-line] one line
   *[other] { $word }
}
