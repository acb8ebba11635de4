def parse = { Integer.parseInt(it) }
def p = pipeline('import') { stage parse }
p.run(['1', 'x', '3'])
