# perfprog's English message catalogue: the web app's job runner
# (src/serve/jobs). Every key is also in tr/jobs.ftl, with the same placeholders.

# Refusals of an upload.
jobs-too-large = The file is { $size } MiB; the limit is { $limit } MiB.
jobs-queue-full = { $limit } documents are already waiting. Try again in a few minutes.
jobs-unsupported = This file cannot be read: { $reason }
jobs-store = The upload could not be stored: { $error }
jobs-kind-empty = it is empty.
jobs-kind-zip = it is a ZIP archive but not a workbook written by perfprog (no "Program" sheet).
jobs-kind-binary = it is neither a PDF, a text export, a model JSON nor a workbook.
jobs-kind-json = it is JSON but not a perfprog model (no "format" naming one).

# Why a job failed.
jobs-interrupted = Processing was interrupted when the server stopped. Upload the file again to retry.
jobs-exit = Processing failed (exit code { $code }).
jobs-signal = Processing was aborted (signal { $signal }): the document may need more than the { $limit } MiB of memory allowed, or is damaged.
jobs-cpu = Processing used more than its CPU time and was stopped.
jobs-timeout = Processing took longer than { $seconds } s and was stopped.
jobs-spawn = Processing could not be started: { $error }
