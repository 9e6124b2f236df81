print("talint")
