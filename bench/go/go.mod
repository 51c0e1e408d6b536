module cdeferbench

go 1.19
