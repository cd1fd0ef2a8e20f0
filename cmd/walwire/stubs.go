package main

func runVerify(e *env, args []string) int  { return 2 }
func runUpgrade(e *env, args []string) int { return 2 }
func runRepair(e *env, args []string) int  { return 2 }
