// Case 6's comparison with Python, as a new user writes it in a job script: a Groovy closure mapped over 0..<n on
// the process backend. Evaluated by the DSL's shell, so the closure's class is shipped to the workers as a job
// script's is. Returns the round's body: the results, in order, as a list.
{ ex, int n, int chunk -> ex.map({ it + 1 }, 0..<n, chunk: chunk).toList() }
