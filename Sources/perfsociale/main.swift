import PerfSociale
print(PerfSocialeVersion.current)
