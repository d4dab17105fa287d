(module
  (type $t0 (func))
  (type $t1 (func (param i32)))
  (type $t2 (func (param i32 i32) (result i32)))
  (func $evaluate (export "evaluate") (type $t0)
    (local $theta0 v128) (local $theta1 v128) (local $t0 v128) (local $prefix2_0 v128) (local $t1 v128) (local $q_0 v128) (local $t2 v128) (local $pq v128) (local $t3 v128) (local $pc v128) (local $back2_0 v128) (local $t4 v128) (local $grad_1 v128) (local $t5 v128) (local $grad_0 v128) (local $t6 v128) (local $t7 v128) (local $loss v128) (local $theta0_1 v128) (local $theta1_1 v128) (local $t8 v128) (local $prefix2_0_1 v128) (local $t9 v128) (local $q_0_1 v128) (local $t10 v128) (local $pq_1 v128) (local $t11 v128) (local $pc_1 v128) (local $back2_0_1 v128) (local $t12 v128) (local $grad_1_1 v128) (local $t13 v128) (local $grad_0_1 v128) (local $t14 v128) (local $t15 v128) (local $loss_1 v128)
    (local.set $theta0
      (v128.load align=8
        (i32.const 0)))
    (local.set $theta1
      (v128.load offset=32 align=8
        (i32.const 0)))
    (local.set $t0
      (f64x2.mul
        (local.get $theta1)
        (local.get $theta0)))
    (local.set $prefix2_0
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t0)))
    (local.set $t1
      (f64x2.mul
        (local.get $prefix2_0)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (local.set $q_0
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t1)))
    (local.set $t2
      (f64x2.mul
        (local.get $prefix2_0)
        (local.get $q_0)))
    (local.set $pq
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t2)))
    (local.set $t3
      (f64x2.mul
        (local.get $prefix2_0)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (local.set $pc
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t3)))
    (local.set $back2_0
      (f64x2.sub
        (local.get $q_0)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (local.set $t4
      (f64x2.mul
        (local.get $back2_0)
        (local.get $theta0)))
    (local.set $grad_1
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t4)))
    (local.set $t5
      (f64x2.mul
        (local.get $theta1)
        (local.get $back2_0)))
    (local.set $grad_0
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t5)))
    (local.set $t6
      (f64x2.mul
        (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)
        (local.get $pq)))
    (local.set $t7
      (f64x2.sub
        (local.get $t6)
        (local.get $pc)))
    (local.set $loss
      (f64x2.add
        (local.get $t7)
        (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)))
    (v128.store offset=64 align=8
      (i32.const 0)
      (local.get $grad_0))
    (v128.store offset=96 align=8
      (i32.const 0)
      (local.get $grad_1))
    (v128.store offset=128 align=8
      (i32.const 0)
      (local.get $loss))
    (local.set $theta0_1
      (v128.load offset=16 align=8
        (i32.const 0)))
    (local.set $theta1_1
      (v128.load offset=48 align=8
        (i32.const 0)))
    (local.set $t8
      (f64x2.mul
        (local.get $theta1_1)
        (local.get $theta0_1)))
    (local.set $prefix2_0_1
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t8)))
    (local.set $t9
      (f64x2.mul
        (local.get $prefix2_0_1)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (local.set $q_0_1
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t9)))
    (local.set $t10
      (f64x2.mul
        (local.get $prefix2_0_1)
        (local.get $q_0_1)))
    (local.set $pq_1
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t10)))
    (local.set $t11
      (f64x2.mul
        (local.get $prefix2_0_1)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (local.set $pc_1
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t11)))
    (local.set $back2_0_1
      (f64x2.sub
        (local.get $q_0_1)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (local.set $t12
      (f64x2.mul
        (local.get $back2_0_1)
        (local.get $theta0_1)))
    (local.set $grad_1_1
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t12)))
    (local.set $t13
      (f64x2.mul
        (local.get $theta1_1)
        (local.get $back2_0_1)))
    (local.set $grad_0_1
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t13)))
    (local.set $t14
      (f64x2.mul
        (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)
        (local.get $pq_1)))
    (local.set $t15
      (f64x2.sub
        (local.get $t14)
        (local.get $pc_1)))
    (local.set $loss_1
      (f64x2.add
        (local.get $t15)
        (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)))
    (v128.store offset=80 align=8
      (i32.const 0)
      (local.get $grad_0_1))
    (v128.store offset=112 align=8
      (i32.const 0)
      (local.get $grad_1_1))
    (v128.store offset=144 align=8
      (i32.const 0)
      (local.get $loss_1)))
  (func $prepare (export "prepare") (type $t1) (param $slot i32)
    (local $row i32) (local $norm i32) (local $theta0 v128) (local $theta1 v128) (local $grad0 v128) (local $grad1 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $t4 v128) (local $t5 v128) (local $norm_1 v128) (local $t6 v128) (local $t7 v128) (local $t8 v128) (local $t9 v128) (local $t10 v128) (local $t11 v128) (local $t12 v128) (local $t13 v128) (local $t14 v128) (local $t15 v128) (local $eta v128) (local $t16 v128) (local $t17 v128) (local $t18 v128) (local $t19 v128) (local $theta0_1 v128) (local $theta1_1 v128) (local $grad0_1 v128) (local $grad1_1 v128) (local $t20 v128) (local $t21 v128) (local $t22 v128) (local $t23 v128) (local $t24 v128) (local $t25 v128) (local $norm_2 v128) (local $t26 v128) (local $t27 v128) (local $t28 v128) (local $t29 v128) (local $t30 v128) (local $t31 v128) (local $t32 v128) (local $t33 v128) (local $t34 v128) (local $t35 v128) (local $eta_1 v128) (local $t36 v128) (local $t37 v128) (local $t38 v128) (local $t39 v128)
    (local.set $row
      (i32.mul
        (local.get $slot)
        (i32.const 64)))
    (local.set $norm
      (i32.mul
        (local.get $slot)
        (i32.const 32)))
    (local.set $theta0
      (v128.load align=8
        (i32.const 0)))
    (local.set $theta1
      (v128.load offset=32 align=8
        (i32.const 0)))
    (local.set $grad0
      (v128.load offset=64 align=8
        (i32.const 0)))
    (local.set $grad1
      (v128.load offset=96 align=8
        (i32.const 0)))
    (local.set $t0
      (f64x2.mul
        (local.get $grad0)
        (local.get $grad0)))
    (local.set $t1
      (f64x2.mul
        (local.get $grad1)
        (local.get $grad1)))
    (local.set $t2
      (f64x2.add
        (local.get $t0)
        (local.get $t1)))
    (local.set $t3
      (f64x2.mul
        (local.get $theta0)
        (local.get $theta0)))
    (local.set $t4
      (f64x2.mul
        (local.get $theta1)
        (local.get $theta1)))
    (local.set $t5
      (f64x2.add
        (local.get $t3)
        (local.get $t4)))
    (local.set $norm_1
      (f64x2.sqrt
        (local.get $t5)))
    (local.set $t6
      (f64x2.add
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
        (local.get $norm_1)))
    (local.set $t7
      (f64x2.mul
        (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
        (local.get $t6)))
    (local.set $t8
      (f64x2.mul
        (local.get $t7)
        (local.get $t7)))
    (local.set $t9
      (f64x2.mul
        (local.get $t8)
        (v128.const i32x4 0x00400000 0x3ff00000 0x00400000 0x3ff00000)))
    (v128.store offset=640 align=8
      (i32.const 0)
      (local.get $t2))
    (v128.store offset=672 align=8
      (i32.const 0)
      (local.get $t5))
    (local.set $t10
      (f64x2.abs
        (local.get $theta0)))
    (local.set $t11
      (f64x2.le
        (local.get $t10)
        (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
    (local.set $t12
      (f64x2.abs
        (local.get $theta1)))
    (local.set $t13
      (f64x2.le
        (local.get $t12)
        (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
    (local.set $t14
      (v128.and
        (local.get $t11)
        (local.get $t13)))
    (local.set $t15
      (v128.and
        (local.get $t14)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (v128.store offset=704 align=8
      (i32.const 0)
      (local.get $t15))
    (local.set $eta
      (v128.load offset=192 align=8
        (i32.const 0)))
    (v128.store offset=736 align=8
      (local.get $row)
      (local.get $theta0))
    (local.set $t16
      (f64x2.mul
        (local.get $eta)
        (local.get $grad0)))
    (local.set $t17
      (f64x2.sub
        (local.get $theta0)
        (local.get $t16)))
    (v128.store align=8
      (i32.const 0)
      (local.get $t17))
    (v128.store offset=768 align=8
      (local.get $row)
      (local.get $theta1))
    (local.set $t18
      (f64x2.mul
        (local.get $eta)
        (local.get $grad1)))
    (local.set $t19
      (f64x2.sub
        (local.get $theta1)
        (local.get $t18)))
    (v128.store offset=32 align=8
      (i32.const 0)
      (local.get $t19))
    (v128.store offset=3872 align=8
      (local.get $norm)
      (local.get $norm_1))
    (v128.store offset=5440 align=8
      (local.get $norm)
      (local.get $t9))
    (local.set $theta0_1
      (v128.load offset=16 align=8
        (i32.const 0)))
    (local.set $theta1_1
      (v128.load offset=48 align=8
        (i32.const 0)))
    (local.set $grad0_1
      (v128.load offset=80 align=8
        (i32.const 0)))
    (local.set $grad1_1
      (v128.load offset=112 align=8
        (i32.const 0)))
    (local.set $t20
      (f64x2.mul
        (local.get $grad0_1)
        (local.get $grad0_1)))
    (local.set $t21
      (f64x2.mul
        (local.get $grad1_1)
        (local.get $grad1_1)))
    (local.set $t22
      (f64x2.add
        (local.get $t20)
        (local.get $t21)))
    (local.set $t23
      (f64x2.mul
        (local.get $theta0_1)
        (local.get $theta0_1)))
    (local.set $t24
      (f64x2.mul
        (local.get $theta1_1)
        (local.get $theta1_1)))
    (local.set $t25
      (f64x2.add
        (local.get $t23)
        (local.get $t24)))
    (local.set $norm_2
      (f64x2.sqrt
        (local.get $t25)))
    (local.set $t26
      (f64x2.add
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
        (local.get $norm_2)))
    (local.set $t27
      (f64x2.mul
        (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
        (local.get $t26)))
    (local.set $t28
      (f64x2.mul
        (local.get $t27)
        (local.get $t27)))
    (local.set $t29
      (f64x2.mul
        (local.get $t28)
        (v128.const i32x4 0x00400000 0x3ff00000 0x00400000 0x3ff00000)))
    (v128.store offset=656 align=8
      (i32.const 0)
      (local.get $t22))
    (v128.store offset=688 align=8
      (i32.const 0)
      (local.get $t25))
    (local.set $t30
      (f64x2.abs
        (local.get $theta0_1)))
    (local.set $t31
      (f64x2.le
        (local.get $t30)
        (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
    (local.set $t32
      (f64x2.abs
        (local.get $theta1_1)))
    (local.set $t33
      (f64x2.le
        (local.get $t32)
        (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
    (local.set $t34
      (v128.and
        (local.get $t31)
        (local.get $t33)))
    (local.set $t35
      (v128.and
        (local.get $t34)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (v128.store offset=720 align=8
      (i32.const 0)
      (local.get $t35))
    (local.set $eta_1
      (v128.load offset=208 align=8
        (i32.const 0)))
    (v128.store offset=752 align=8
      (local.get $row)
      (local.get $theta0_1))
    (local.set $t36
      (f64x2.mul
        (local.get $eta_1)
        (local.get $grad0_1)))
    (local.set $t37
      (f64x2.sub
        (local.get $theta0_1)
        (local.get $t36)))
    (v128.store offset=16 align=8
      (i32.const 0)
      (local.get $t37))
    (v128.store offset=784 align=8
      (local.get $row)
      (local.get $theta1_1))
    (local.set $t38
      (f64x2.mul
        (local.get $eta_1)
        (local.get $grad1_1)))
    (local.set $t39
      (f64x2.sub
        (local.get $theta1_1)
        (local.get $t38)))
    (v128.store offset=48 align=8
      (i32.const 0)
      (local.get $t39))
    (v128.store offset=3888 align=8
      (local.get $norm)
      (local.get $norm_2))
    (v128.store offset=5456 align=8
      (local.get $norm)
      (local.get $t29)))
  (func $run (export "run") (type $t2) (param $slot i32) (param $maxIter i32) (result i32)
    (local $taken i32) (local $row i32) (local $norm i32) (local $back i32) (local $previousRow i32) (local $backRow2 i32) (local $backRow4 i32) (local $backRow8 i32) (local $backRow16 i32) (local $backNorm2 i32) (local $backNorm4 i32) (local $backNorm8 i32) (local $backNorm16 i32) (local $dirty i32) (local $stretching i32) (local $unchecked i32) (local $exactLeft i32) (local $savedSlot i32) (local $theta0 v128) (local $t0 v128) (local $theta1 v128) (local $t1 v128) (local $grad0 v128) (local $t2 v128) (local $grad1 v128) (local $t3 v128) (local $loss v128) (local $t4 v128) (local $lossMin v128) (local $t5 v128) (local $step1 v128) (local $theta0_1 v128) (local $t6 v128) (local $theta1_1 v128) (local $t7 v128) (local $grad0_1 v128) (local $t8 v128) (local $grad1_1 v128) (local $t9 v128) (local $loss_1 v128) (local $t10 v128) (local $lossMin_1 v128) (local $t11 v128) (local $step1_1 v128) (local $clear v128) (local $clear_1 v128) (local $t12 v128) (local $t13 v128) (local $t14 v128) (local $t15 v128) (local $t16 v128) (local $t17 v128) (local $t18 v128) (local $t19 v128) (local $norm_1 v128) (local $t20 v128) (local $t21 v128) (local $t22 v128) (local $t23 v128) (local $t24 v128) (local $t25 v128) (local $t26 v128) (local $t27 v128) (local $t28 v128) (local $t29 v128) (local $t30 v128) (local $gradAbove v128) (local $t31 v128) (local $t32 v128) (local $t33 v128) (local $t34 v128) (local $t35 v128) (local $t36 v128) (local $t37 v128) (local $t38 v128) (local $norm_2 v128) (local $t39 v128) (local $t40 v128) (local $t41 v128) (local $t42 v128) (local $t43 v128) (local $t44 v128) (local $t45 v128) (local $t46 v128) (local $t47 v128) (local $t48 v128) (local $t49 v128) (local $gradAbove_1 v128) (local $t50 v128) (local $t51 v128) (local $eta v128) (local $t52 v128) (local $t53 v128) (local $t54 v128) (local $t55 v128) (local $t56 v128) (local $t57 v128) (local $prefix2_0 v128) (local $t58 v128) (local $q_0 v128) (local $t59 v128) (local $pq v128) (local $t60 v128) (local $pc v128) (local $back2_0 v128) (local $t61 v128) (local $grad_1 v128) (local $t62 v128) (local $grad_0 v128) (local $t63 v128) (local $t64 v128) (local $loss_2 v128) (local $eta_1 v128) (local $t65 v128) (local $t66 v128) (local $t67 v128) (local $t68 v128) (local $t69 v128) (local $t70 v128) (local $prefix2_0_1 v128) (local $t71 v128) (local $q_0_1 v128) (local $t72 v128) (local $pq_1 v128) (local $t73 v128) (local $pc_1 v128) (local $back2_0_1 v128) (local $t74 v128) (local $grad_1_1 v128) (local $t75 v128) (local $grad_0_1 v128) (local $t76 v128) (local $t77 v128) (local $loss_3 v128) (local $t78 v128) (local $t79 v128) (local $t80 v128) (local $t81 v128) (local $t82 v128) (local $t83 v128) (local $norm_3 v128) (local $t84 v128) (local $t85 v128) (local $t86 v128) (local $t87 v128) (local $t88 v128) (local $t89 v128) (local $t90 v128) (local $t91 v128) (local $t92 v128) (local $t93 v128) (local $t94 v128) (local $gradAbove_2 v128) (local $t95 v128) (local $t96 v128) (local $distance v128) (local $outside v128) (local $t97 v128) (local $t98 v128) (local $t99 v128) (local $t100 v128) (local $t101 v128) (local $t102 v128) (local $t103 v128) (local $t104 v128) (local $t105 v128) (local $t106 v128) (local $distance_1 v128) (local $outside_1 v128) (local $t107 v128) (local $t108 v128) (local $t109 v128) (local $t110 v128) (local $t111 v128) (local $t112 v128) (local $t113 v128) (local $t114 v128) (local $t115 v128) (local $t116 v128) (local $distance_2 v128) (local $outside_2 v128) (local $t117 v128) (local $t118 v128) (local $t119 v128) (local $t120 v128) (local $t121 v128) (local $t122 v128) (local $t123 v128) (local $t124 v128) (local $t125 v128) (local $t126 v128) (local $distance_3 v128) (local $outside_3 v128) (local $t127 v128) (local $t128 v128) (local $t129 v128) (local $t130 v128) (local $t131 v128) (local $t132 v128) (local $t133 v128) (local $t134 v128) (local $t135 v128) (local $t136 v128) (local $idle v128) (local $plain v128) (local $t137 v128) (local $t138 v128) (local $t139 v128) (local $t140 v128) (local $t141 v128) (local $t142 v128) (local $norm_4 v128) (local $t143 v128) (local $t144 v128) (local $t145 v128) (local $t146 v128) (local $t147 v128) (local $t148 v128) (local $t149 v128) (local $t150 v128) (local $t151 v128) (local $t152 v128) (local $t153 v128) (local $gradAbove_3 v128) (local $t154 v128) (local $t155 v128) (local $distance_4 v128) (local $outside_4 v128) (local $t156 v128) (local $t157 v128) (local $t158 v128) (local $t159 v128) (local $t160 v128) (local $t161 v128) (local $t162 v128) (local $t163 v128) (local $t164 v128) (local $t165 v128) (local $distance_5 v128) (local $outside_5 v128) (local $t166 v128) (local $t167 v128) (local $t168 v128) (local $t169 v128) (local $t170 v128) (local $t171 v128) (local $t172 v128) (local $t173 v128) (local $t174 v128) (local $t175 v128) (local $distance_6 v128) (local $outside_6 v128) (local $t176 v128) (local $t177 v128) (local $t178 v128) (local $t179 v128) (local $t180 v128) (local $t181 v128) (local $t182 v128) (local $t183 v128) (local $t184 v128) (local $t185 v128) (local $distance_7 v128) (local $outside_7 v128) (local $t186 v128) (local $t187 v128) (local $t188 v128) (local $t189 v128) (local $t190 v128) (local $t191 v128) (local $t192 v128) (local $t193 v128) (local $t194 v128) (local $t195 v128) (local $idle_1 v128) (local $plain_1 v128) (local $t196 v128) (local $t197 v128) (local $t198 v128) (local $t199 v128) (local $t200 v128) (local $t201 v128) (local $t202 v128) (local $t203 v128) (local $t204 v128) (local $t205 v128) (local $t206 v128) (local $t207 v128) (local $t208 v128) (local $t209 v128) (local $t210 v128) (local $t211 v128) (local $t212 v128) (local $t213 v128) (local $t214 v128) (local $t215 v128) (local $t216 v128) (local $t217 v128) (local $t218 v128) (local $t219 v128) (local $t220 v128) (local $t221 v128) (local $t222 v128) (local $t223 v128) (local $t224 v128) (local $t225 v128) (local $t226 v128) (local $t227 v128) (local $t228 v128) (local $t229 v128) (local $t230 v128) (local $t231 v128) (local $t232 v128) (local $t233 v128) (local $t234 v128) (local $t235 v128) (local $t236 v128) (local $t237 v128) (local $t238 v128) (local $t239 v128) (local $gradBelow v128) (local $t240 v128) (local $t241 v128) (local $t242 v128) (local $t243 v128) (local $t244 v128) (local $t245 v128) (local $t246 v128) (local $t247 v128) (local $t248 v128) (local $t249 v128) (local $t250 v128) (local $t251 v128) (local $t252 v128) (local $t253 v128) (local $t254 v128) (local $t255 v128) (local $within0 v128) (local $t256 v128) (local $t257 v128) (local $t258 v128) (local $t259 v128) (local $t260 v128) (local $t261 v128) (local $t262 v128) (local $t263 v128) (local $t264 v128) (local $t265 v128) (local $t266 v128) (local $t267 v128) (local $t268 v128) (local $t269 v128) (local $t270 v128) (local $t271 v128) (local $t272 v128) (local $within1 v128) (local $t273 v128) (local $t274 v128) (local $t275 v128) (local $t276 v128) (local $t277 v128) (local $t278 v128) (local $t279 v128) (local $t280 v128) (local $t281 v128) (local $t282 v128) (local $t283 v128) (local $t284 v128) (local $t285 v128) (local $t286 v128) (local $t287 v128) (local $t288 v128) (local $t289 v128) (local $t290 v128) (local $within2 v128) (local $t291 v128) (local $t292 v128) (local $t293 v128) (local $t294 v128) (local $t295 v128) (local $t296 v128) (local $t297 v128) (local $t298 v128) (local $t299 v128) (local $t300 v128) (local $t301 v128) (local $t302 v128) (local $t303 v128) (local $t304 v128) (local $t305 v128) (local $t306 v128) (local $t307 v128) (local $t308 v128) (local $within3 v128) (local $t309 v128) (local $t310 v128) (local $t311 v128) (local $t312 v128) (local $t313 v128) (local $t314 v128) (local $t315 v128) (local $t316 v128) (local $t317 v128) (local $t318 v128) (local $t319 v128) (local $t320 v128) (local $t321 v128) (local $t322 v128) (local $t323 v128) (local $t324 v128) (local $t325 v128) (local $t326 v128) (local $gradBelow_1 v128) (local $t327 v128) (local $t328 v128) (local $t329 v128) (local $t330 v128) (local $t331 v128) (local $t332 v128) (local $t333 v128) (local $t334 v128) (local $t335 v128) (local $t336 v128) (local $t337 v128) (local $t338 v128) (local $t339 v128) (local $t340 v128) (local $t341 v128) (local $t342 v128) (local $within0_1 v128) (local $t343 v128) (local $t344 v128) (local $t345 v128) (local $t346 v128) (local $t347 v128) (local $t348 v128) (local $t349 v128) (local $t350 v128) (local $t351 v128) (local $t352 v128) (local $t353 v128) (local $t354 v128) (local $t355 v128) (local $t356 v128) (local $t357 v128) (local $t358 v128) (local $t359 v128) (local $t360 v128) (local $within1_1 v128) (local $t361 v128) (local $t362 v128) (local $t363 v128) (local $t364 v128) (local $t365 v128) (local $t366 v128) (local $t367 v128) (local $t368 v128) (local $t369 v128) (local $t370 v128) (local $t371 v128) (local $t372 v128) (local $t373 v128) (local $t374 v128) (local $t375 v128) (local $t376 v128) (local $t377 v128) (local $t378 v128) (local $within2_1 v128) (local $t379 v128) (local $t380 v128) (local $t381 v128) (local $t382 v128) (local $t383 v128) (local $t384 v128) (local $t385 v128) (local $t386 v128) (local $t387 v128) (local $t388 v128) (local $t389 v128) (local $t390 v128) (local $t391 v128) (local $t392 v128) (local $t393 v128) (local $t394 v128) (local $t395 v128) (local $t396 v128) (local $within3_1 v128) (local $t397 v128) (local $t398 v128) (local $t399 v128) (local $t400 v128) (local $t401 v128) (local $t402 v128) (local $t403 v128) (local $t404 v128) (local $t405 v128) (local $t406 v128) (local $t407 v128) (local $t408 v128) (local $t409 v128) (local $t410 v128) (local $t411 v128) (local $t412 v128) (local $t413 v128) (local $t414 v128) (local $t415 v128) (local $t416 v128) (local $t417 v128) (local $t418 v128) (local $t419 v128) (local $t420 v128) (local $t421 v128) (local $t422 v128) (local $t423 v128) (local $t424 v128) (local $t425 v128) (local $t426 v128) (local $t427 v128) (local $t428 v128) (local $t429 v128) (local $t430 v128) (local $t431 v128) (local $t432 v128) (local $t433 v128) (local $t434 v128) (local $t435 v128) (local $t436 v128) (local $t437 v128) (local $t438 v128) (local $t439 v128) (local $t440 v128) (local $t441 v128) (local $t442 v128) (local $t443 v128) (local $t444 v128) (local $t445 v128) (local $t446 v128) (local $t447 v128) (local $t448 v128) (local $t449 v128) (local $t450 v128) (local $t451 v128) (local $t452 v128) (local $t453 v128) (local $t454 v128) (local $t455 v128) (local $t456 v128) (local $t457 v128) (local $t458 v128) (local $t459 v128) (local $t460 v128) (local $t461 v128) (local $t462 v128) (local $t463 v128) (local $t464 v128) (local $t465 v128) (local $t466 v128) (local $t467 v128) (local $t468 v128) (local $t469 v128) (local $t470 v128) (local $t471 v128) (local $t472 v128) (local $t473 v128) (local $t474 v128) (local $t475 v128) (local $t476 v128) (local $t477 v128) (local $t478 v128) (local $t479 v128) (local $t480 v128) (local $t481 v128) (local $t482 v128) (local $t483 v128) (local $t484 v128) (local $t485 v128) (local $t486 v128) (local $t487 v128) (local $t488 v128) (local $t489 v128) (local $t490 v128) (local $t491 v128) (local $t492 v128) (local $t493 v128) (local $t494 v128) (local $t495 v128) (local $t496 v128) (local $t497 v128) (local $t498 v128) (local $t499 v128) (local $t500 v128) (local $t501 v128) (local $t502 v128) (local $t503 v128) (local $t504 v128) (local $t505 v128) (local $t506 v128) (local $t507 v128) (local $t508 v128) (local $t509 v128) (local $t510 v128) (local $t511 v128) (local $t512 v128) (local $anyStop v128) (local $eta_2 v128) (local $t513 v128) (local $t514 v128) (local $t515 v128) (local $t516 v128) (local $t517 v128) (local $t518 v128) (local $prefix2_0_2 v128) (local $t519 v128) (local $q_0_2 v128) (local $t520 v128) (local $pq_2 v128) (local $t521 v128) (local $pc_2 v128) (local $back2_0_2 v128) (local $t522 v128) (local $grad_1_2 v128) (local $t523 v128) (local $grad_0_2 v128) (local $t524 v128) (local $t525 v128) (local $loss_4 v128) (local $eta_3 v128) (local $t526 v128) (local $t527 v128) (local $t528 v128) (local $t529 v128) (local $t530 v128) (local $t531 v128) (local $prefix2_0_3 v128) (local $t532 v128) (local $q_0_3 v128) (local $t533 v128) (local $pq_3 v128) (local $t534 v128) (local $pc_3 v128) (local $back2_0_3 v128) (local $t535 v128) (local $grad_1_3 v128) (local $t536 v128) (local $grad_0_3 v128) (local $t537 v128) (local $t538 v128) (local $loss_5 v128)
    (local.set $t0
      (v128.load align=8
        (i32.const 0)))
    (local.set $theta0
      (local.get $t0))
    (local.set $t1
      (v128.load offset=32 align=8
        (i32.const 0)))
    (local.set $theta1
      (local.get $t1))
    (local.set $t2
      (v128.load offset=64 align=8
        (i32.const 0)))
    (local.set $grad0
      (local.get $t2))
    (local.set $t3
      (v128.load offset=96 align=8
        (i32.const 0)))
    (local.set $grad1
      (local.get $t3))
    (local.set $t4
      (v128.load offset=128 align=8
        (i32.const 0)))
    (local.set $loss
      (local.get $t4))
    (local.set $t5
      (v128.load offset=160 align=8
        (i32.const 0)))
    (local.set $lossMin
      (local.get $t5))
    (local.set $t6
      (v128.load offset=16 align=8
        (i32.const 0)))
    (local.set $theta0_1
      (local.get $t6))
    (local.set $t7
      (v128.load offset=48 align=8
        (i32.const 0)))
    (local.set $theta1_1
      (local.get $t7))
    (local.set $t8
      (v128.load offset=80 align=8
        (i32.const 0)))
    (local.set $grad0_1
      (local.get $t8))
    (local.set $t9
      (v128.load offset=112 align=8
        (i32.const 0)))
    (local.set $grad1_1
      (local.get $t9))
    (local.set $t10
      (v128.load offset=144 align=8
        (i32.const 0)))
    (local.set $loss_1
      (local.get $t10))
    (local.set $t11
      (v128.load offset=176 align=8
        (i32.const 0)))
    (local.set $lossMin_1
      (local.get $t11))
    (local.set $taken
      (i32.const 0))
    (local.set $dirty
      (i32.const 1))
    (local.set $exactLeft
      (i32.const 0))
    (block $B0
      (loop $L1
        (br_if $B0
          (i32.ge_u
            (local.get $taken)
            (local.get $maxIter)))
        (if $I2
          (local.tee $stretching
            (i32.and
              (i32.and
                (i32.eqz
                  (local.get $dirty))
                (i32.eqz
                  (local.get $exactLeft)))
              (i32.ge_u
                (i32.sub
                  (local.get $maxIter)
                  (local.get $taken))
                (i32.const 32))))
          (then
            (local.set $savedSlot
              (local.get $slot))
            (v128.store offset=7008 align=8
              (i32.const 0)
              (local.get $theta0))
            (v128.store offset=7040 align=8
              (i32.const 0)
              (local.get $theta1))
            (v128.store offset=7072 align=8
              (i32.const 0)
              (local.get $grad0))
            (v128.store offset=7104 align=8
              (i32.const 0)
              (local.get $grad1))
            (v128.store offset=7136 align=8
              (i32.const 0)
              (local.get $loss))
            (v128.store offset=7168 align=8
              (i32.const 0)
              (local.get $lossMin))
            (local.set $t12
              (f64x2.eq
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $clear
              (local.get $t12))
            (v128.store offset=7024 align=8
              (i32.const 0)
              (local.get $theta0_1))
            (v128.store offset=7056 align=8
              (i32.const 0)
              (local.get $theta1_1))
            (v128.store offset=7088 align=8
              (i32.const 0)
              (local.get $grad0_1))
            (v128.store offset=7120 align=8
              (i32.const 0)
              (local.get $grad1_1))
            (v128.store offset=7152 align=8
              (i32.const 0)
              (local.get $loss_1))
            (v128.store offset=7184 align=8
              (i32.const 0)
              (local.get $lossMin_1))
            (local.set $t13
              (f64x2.eq
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $clear_1
              (local.get $t13))
            (local.set $unchecked
              (i32.const 31))
            (loop $L3
              (local.set $row
                (i32.mul
                  (local.get $slot)
                  (i32.const 64)))
              (local.set $norm
                (i32.mul
                  (local.get $slot)
                  (i32.const 32)))
              (local.set $t14
                (f64x2.mul
                  (local.get $grad0)
                  (local.get $grad0)))
              (local.set $t15
                (f64x2.mul
                  (local.get $grad1)
                  (local.get $grad1)))
              (local.set $t16
                (f64x2.add
                  (local.get $t14)
                  (local.get $t15)))
              (local.set $t17
                (f64x2.mul
                  (local.get $theta0)
                  (local.get $theta0)))
              (local.set $t18
                (f64x2.mul
                  (local.get $theta1)
                  (local.get $theta1)))
              (local.set $t19
                (f64x2.add
                  (local.get $t17)
                  (local.get $t18)))
              (local.set $norm_1
                (f64x2.sqrt
                  (local.get $t19)))
              (local.set $t20
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                  (local.get $norm_1)))
              (local.set $t21
                (f64x2.mul
                  (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                  (local.get $t20)))
              (local.set $t22
                (f64x2.mul
                  (local.get $t21)
                  (local.get $t21)))
              (local.set $t23
                (f64x2.mul
                  (local.get $t22)
                  (v128.const i32x4 0x00400000 0x3ff00000 0x00400000 0x3ff00000)))
              (local.set $t24
                (v128.load offset=224 align=8
                  (i32.const 0)))
              (local.set $t25
                (f64x2.le
                  (local.get $loss)
                  (local.get $t24)))
              (local.set $t26
                (f64x2.lt
                  (local.get $t16)
                  (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
              (local.set $t27
                (v128.and
                  (local.get $t25)
                  (local.get $t26)))
              (local.set $t28
                (f64x2.le
                  (local.get $t19)
                  (v128.const i32x4 0xa18b95ad 0x426d1a94 0xa18b95ad 0x426d1a94)))
              (local.set $t29
                (v128.and
                  (local.get $t27)
                  (local.get $t28)))
              (local.set $t30
                (v128.load offset=288 align=8
                  (i32.const 0)))
              (local.set $gradAbove
                (f64x2.gt
                  (local.get $t16)
                  (local.get $t30)))
              (local.set $t31
                (v128.and
                  (local.get $t29)
                  (local.get $gradAbove)))
              (local.set $t32
                (v128.and
                  (local.get $clear)
                  (local.get $t31)))
              (local.set $clear
                (local.get $t32))
              (local.set $t33
                (f64x2.mul
                  (local.get $grad0_1)
                  (local.get $grad0_1)))
              (local.set $t34
                (f64x2.mul
                  (local.get $grad1_1)
                  (local.get $grad1_1)))
              (local.set $t35
                (f64x2.add
                  (local.get $t33)
                  (local.get $t34)))
              (local.set $t36
                (f64x2.mul
                  (local.get $theta0_1)
                  (local.get $theta0_1)))
              (local.set $t37
                (f64x2.mul
                  (local.get $theta1_1)
                  (local.get $theta1_1)))
              (local.set $t38
                (f64x2.add
                  (local.get $t36)
                  (local.get $t37)))
              (local.set $norm_2
                (f64x2.sqrt
                  (local.get $t38)))
              (local.set $t39
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                  (local.get $norm_2)))
              (local.set $t40
                (f64x2.mul
                  (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                  (local.get $t39)))
              (local.set $t41
                (f64x2.mul
                  (local.get $t40)
                  (local.get $t40)))
              (local.set $t42
                (f64x2.mul
                  (local.get $t41)
                  (v128.const i32x4 0x00400000 0x3ff00000 0x00400000 0x3ff00000)))
              (local.set $t43
                (v128.load offset=240 align=8
                  (i32.const 0)))
              (local.set $t44
                (f64x2.le
                  (local.get $loss_1)
                  (local.get $t43)))
              (local.set $t45
                (f64x2.lt
                  (local.get $t35)
                  (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
              (local.set $t46
                (v128.and
                  (local.get $t44)
                  (local.get $t45)))
              (local.set $t47
                (f64x2.le
                  (local.get $t38)
                  (v128.const i32x4 0xa18b95ad 0x426d1a94 0xa18b95ad 0x426d1a94)))
              (local.set $t48
                (v128.and
                  (local.get $t46)
                  (local.get $t47)))
              (local.set $t49
                (v128.load offset=304 align=8
                  (i32.const 0)))
              (local.set $gradAbove_1
                (f64x2.gt
                  (local.get $t35)
                  (local.get $t49)))
              (local.set $t50
                (v128.and
                  (local.get $t48)
                  (local.get $gradAbove_1)))
              (local.set $t51
                (v128.and
                  (local.get $clear_1)
                  (local.get $t50)))
              (local.set $clear_1
                (local.get $t51))
              (local.set $eta
                (v128.load offset=192 align=8
                  (i32.const 0)))
              (v128.store offset=736 align=8
                (local.get $row)
                (local.get $theta0))
              (v128.store offset=768 align=8
                (local.get $row)
                (local.get $theta1))
              (v128.store offset=3872 align=8
                (local.get $norm)
                (local.get $norm_1))
              (v128.store offset=5440 align=8
                (local.get $norm)
                (local.get $t23))
              (local.set $t52
                (f64x2.pmin
                  (local.get $lossMin)
                  (local.get $loss)))
              (local.set $lossMin
                (local.get $t52))
              (local.set $t53
                (f64x2.mul
                  (local.get $eta)
                  (local.get $grad0)))
              (local.set $t54
                (f64x2.sub
                  (local.get $theta0)
                  (local.get $t53)))
              (local.set $t55
                (f64x2.mul
                  (local.get $eta)
                  (local.get $grad1)))
              (local.set $t56
                (f64x2.sub
                  (local.get $theta1)
                  (local.get $t55)))
              (local.set $theta0
                (local.get $t54))
              (local.set $theta1
                (local.get $t56))
              (local.set $t57
                (f64x2.mul
                  (local.get $theta1)
                  (local.get $theta0)))
              (local.set $prefix2_0
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t57)))
              (local.set $t58
                (f64x2.mul
                  (local.get $prefix2_0)
                  (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
              (local.set $q_0
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t58)))
              (local.set $t59
                (f64x2.mul
                  (local.get $prefix2_0)
                  (local.get $q_0)))
              (local.set $pq
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t59)))
              (local.set $t60
                (f64x2.mul
                  (local.get $prefix2_0)
                  (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
              (local.set $pc
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t60)))
              (local.set $back2_0
                (f64x2.sub
                  (local.get $q_0)
                  (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
              (local.set $t61
                (f64x2.mul
                  (local.get $back2_0)
                  (local.get $theta0)))
              (local.set $grad_1
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t61)))
              (local.set $t62
                (f64x2.mul
                  (local.get $theta1)
                  (local.get $back2_0)))
              (local.set $grad_0
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t62)))
              (local.set $t63
                (f64x2.mul
                  (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)
                  (local.get $pq)))
              (local.set $t64
                (f64x2.sub
                  (local.get $t63)
                  (local.get $pc)))
              (local.set $loss_2
                (f64x2.add
                  (local.get $t64)
                  (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)))
              (local.set $loss
                (local.get $loss_2))
              (local.set $grad0
                (local.get $grad_0))
              (local.set $grad1
                (local.get $grad_1))
              (local.set $eta_1
                (v128.load offset=208 align=8
                  (i32.const 0)))
              (v128.store offset=752 align=8
                (local.get $row)
                (local.get $theta0_1))
              (v128.store offset=784 align=8
                (local.get $row)
                (local.get $theta1_1))
              (v128.store offset=3888 align=8
                (local.get $norm)
                (local.get $norm_2))
              (v128.store offset=5456 align=8
                (local.get $norm)
                (local.get $t42))
              (local.set $t65
                (f64x2.pmin
                  (local.get $lossMin_1)
                  (local.get $loss_1)))
              (local.set $lossMin_1
                (local.get $t65))
              (local.set $t66
                (f64x2.mul
                  (local.get $eta_1)
                  (local.get $grad0_1)))
              (local.set $t67
                (f64x2.sub
                  (local.get $theta0_1)
                  (local.get $t66)))
              (local.set $t68
                (f64x2.mul
                  (local.get $eta_1)
                  (local.get $grad1_1)))
              (local.set $t69
                (f64x2.sub
                  (local.get $theta1_1)
                  (local.get $t68)))
              (local.set $theta0_1
                (local.get $t67))
              (local.set $theta1_1
                (local.get $t69))
              (local.set $t70
                (f64x2.mul
                  (local.get $theta1_1)
                  (local.get $theta0_1)))
              (local.set $prefix2_0_1
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t70)))
              (local.set $t71
                (f64x2.mul
                  (local.get $prefix2_0_1)
                  (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
              (local.set $q_0_1
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t71)))
              (local.set $t72
                (f64x2.mul
                  (local.get $prefix2_0_1)
                  (local.get $q_0_1)))
              (local.set $pq_1
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t72)))
              (local.set $t73
                (f64x2.mul
                  (local.get $prefix2_0_1)
                  (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
              (local.set $pc_1
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t73)))
              (local.set $back2_0_1
                (f64x2.sub
                  (local.get $q_0_1)
                  (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
              (local.set $t74
                (f64x2.mul
                  (local.get $back2_0_1)
                  (local.get $theta0_1)))
              (local.set $grad_1_1
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t74)))
              (local.set $t75
                (f64x2.mul
                  (local.get $theta1_1)
                  (local.get $back2_0_1)))
              (local.set $grad_0_1
                (f64x2.add
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (local.get $t75)))
              (local.set $t76
                (f64x2.mul
                  (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)
                  (local.get $pq_1)))
              (local.set $t77
                (f64x2.sub
                  (local.get $t76)
                  (local.get $pc_1)))
              (local.set $loss_3
                (f64x2.add
                  (local.get $t77)
                  (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)))
              (local.set $loss_1
                (local.get $loss_3))
              (local.set $grad0_1
                (local.get $grad_0_1))
              (local.set $grad1_1
                (local.get $grad_1_1))
              (local.set $slot
                (i32.add
                  (local.get $slot)
                  (i32.const 1)))
              (local.set $slot
                (select
                  (i32.const 0)
                  (local.get $slot)
                  (i32.eq
                    (local.get $slot)
                    (i32.const 49))))
              (br_if $L3
                (local.tee $unchecked
                  (i32.sub
                    (local.get $unchecked)
                    (i32.const 1)))))))
        (local.set $row
          (i32.mul
            (local.get $slot)
            (i32.const 64)))
        (local.set $norm
          (i32.mul
            (local.get $slot)
            (i32.const 32)))
        (local.set $back
          (i32.sub
            (local.get $slot)
            (i32.const 1)))
        (local.set $back
          (select
            (i32.add
              (local.get $back)
              (i32.const 49))
            (local.get $back)
            (i32.lt_s
              (local.get $back)
              (i32.const 0))))
        (local.set $previousRow
          (i32.mul
            (local.get $back)
            (i32.const 64)))
        (local.set $back
          (i32.sub
            (local.get $slot)
            (i32.const 2)))
        (local.set $back
          (select
            (i32.add
              (local.get $back)
              (i32.const 49))
            (local.get $back)
            (i32.lt_s
              (local.get $back)
              (i32.const 0))))
        (local.set $backRow2
          (i32.mul
            (local.get $back)
            (i32.const 64)))
        (local.set $backNorm2
          (i32.mul
            (local.get $back)
            (i32.const 32)))
        (local.set $back
          (i32.sub
            (local.get $slot)
            (i32.const 4)))
        (local.set $back
          (select
            (i32.add
              (local.get $back)
              (i32.const 49))
            (local.get $back)
            (i32.lt_s
              (local.get $back)
              (i32.const 0))))
        (local.set $backRow4
          (i32.mul
            (local.get $back)
            (i32.const 64)))
        (local.set $backNorm4
          (i32.mul
            (local.get $back)
            (i32.const 32)))
        (local.set $back
          (i32.sub
            (local.get $slot)
            (i32.const 8)))
        (local.set $back
          (select
            (i32.add
              (local.get $back)
              (i32.const 49))
            (local.get $back)
            (i32.lt_s
              (local.get $back)
              (i32.const 0))))
        (local.set $backRow8
          (i32.mul
            (local.get $back)
            (i32.const 64)))
        (local.set $backNorm8
          (i32.mul
            (local.get $back)
            (i32.const 32)))
        (local.set $back
          (i32.sub
            (local.get $slot)
            (i32.const 16)))
        (local.set $back
          (select
            (i32.add
              (local.get $back)
              (i32.const 49))
            (local.get $back)
            (i32.lt_s
              (local.get $back)
              (i32.const 0))))
        (local.set $backRow16
          (i32.mul
            (local.get $back)
            (i32.const 64)))
        (local.set $backNorm16
          (i32.mul
            (local.get $back)
            (i32.const 32)))
        (local.set $t78
          (f64x2.mul
            (local.get $grad0)
            (local.get $grad0)))
        (local.set $t79
          (f64x2.mul
            (local.get $grad1)
            (local.get $grad1)))
        (local.set $t80
          (f64x2.add
            (local.get $t78)
            (local.get $t79)))
        (local.set $t81
          (f64x2.mul
            (local.get $theta0)
            (local.get $theta0)))
        (local.set $t82
          (f64x2.mul
            (local.get $theta1)
            (local.get $theta1)))
        (local.set $t83
          (f64x2.add
            (local.get $t81)
            (local.get $t82)))
        (local.set $norm_3
          (f64x2.sqrt
            (local.get $t83)))
        (local.set $t84
          (f64x2.add
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
            (local.get $norm_3)))
        (local.set $t85
          (f64x2.mul
            (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
            (local.get $t84)))
        (local.set $t86
          (f64x2.mul
            (local.get $t85)
            (local.get $t85)))
        (local.set $t87
          (f64x2.mul
            (local.get $t86)
            (v128.const i32x4 0x00400000 0x3ff00000 0x00400000 0x3ff00000)))
        (local.set $t88
          (v128.load offset=224 align=8
            (i32.const 0)))
        (local.set $t89
          (f64x2.le
            (local.get $loss)
            (local.get $t88)))
        (local.set $t90
          (f64x2.lt
            (local.get $t80)
            (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
        (local.set $t91
          (v128.and
            (local.get $t89)
            (local.get $t90)))
        (local.set $t92
          (f64x2.le
            (local.get $t83)
            (v128.const i32x4 0xa18b95ad 0x426d1a94 0xa18b95ad 0x426d1a94)))
        (local.set $t93
          (v128.and
            (local.get $t91)
            (local.get $t92)))
        (local.set $t94
          (v128.load offset=288 align=8
            (i32.const 0)))
        (local.set $gradAbove_2
          (f64x2.gt
            (local.get $t80)
            (local.get $t94)))
        (local.set $t95
          (v128.and
            (local.get $t93)
            (local.get $gradAbove_2)))
        (local.set $t96
          (v128.load offset=5440 align=8
            (local.get $backNorm2)))
        (block $B4
          (local.set $t97
            (v128.load offset=736 align=8
              (local.get $backRow2)))
          (local.set $t98
            (f64x2.sub
              (local.get $theta0)
              (local.get $t97)))
          (local.set $t99
            (f64x2.mul
              (local.get $t98)
              (local.get $t98)))
          (local.set $t100
            (v128.load offset=768 align=8
              (local.get $backRow2)))
          (local.set $t101
            (f64x2.sub
              (local.get $theta1)
              (local.get $t100)))
          (local.set $t102
            (f64x2.mul
              (local.get $t101)
              (local.get $t101)))
          (local.set $t103
            (f64x2.add
              (local.get $t99)
              (local.get $t102)))
          (local.set $distance
            (local.get $t103))
          (local.set $t104
            (f64x2.gt
              (local.get $t103)
              (local.get $t96)))
          (local.set $outside
            (local.get $t104)))
        (local.set $t105
          (v128.and
            (local.get $t95)
            (local.get $outside)))
        (local.set $t106
          (v128.load offset=5440 align=8
            (local.get $backNorm4)))
        (block $B5
          (local.set $t107
            (v128.load offset=736 align=8
              (local.get $backRow4)))
          (local.set $t108
            (f64x2.sub
              (local.get $theta0)
              (local.get $t107)))
          (local.set $t109
            (f64x2.mul
              (local.get $t108)
              (local.get $t108)))
          (local.set $t110
            (v128.load offset=768 align=8
              (local.get $backRow4)))
          (local.set $t111
            (f64x2.sub
              (local.get $theta1)
              (local.get $t110)))
          (local.set $t112
            (f64x2.mul
              (local.get $t111)
              (local.get $t111)))
          (local.set $t113
            (f64x2.add
              (local.get $t109)
              (local.get $t112)))
          (local.set $distance_1
            (local.get $t113))
          (local.set $t114
            (f64x2.gt
              (local.get $t113)
              (local.get $t106)))
          (local.set $outside_1
            (local.get $t114)))
        (local.set $t115
          (v128.and
            (local.get $t105)
            (local.get $outside_1)))
        (local.set $t116
          (v128.load offset=5440 align=8
            (local.get $backNorm8)))
        (block $B6
          (local.set $t117
            (v128.load offset=736 align=8
              (local.get $backRow8)))
          (local.set $t118
            (f64x2.sub
              (local.get $theta0)
              (local.get $t117)))
          (local.set $t119
            (f64x2.mul
              (local.get $t118)
              (local.get $t118)))
          (local.set $t120
            (v128.load offset=768 align=8
              (local.get $backRow8)))
          (local.set $t121
            (f64x2.sub
              (local.get $theta1)
              (local.get $t120)))
          (local.set $t122
            (f64x2.mul
              (local.get $t121)
              (local.get $t121)))
          (local.set $t123
            (f64x2.add
              (local.get $t119)
              (local.get $t122)))
          (local.set $distance_2
            (local.get $t123))
          (local.set $t124
            (f64x2.gt
              (local.get $t123)
              (local.get $t116)))
          (local.set $outside_2
            (local.get $t124)))
        (local.set $t125
          (v128.and
            (local.get $t115)
            (local.get $outside_2)))
        (local.set $t126
          (v128.load offset=5440 align=8
            (local.get $backNorm16)))
        (block $B7
          (local.set $t127
            (v128.load offset=736 align=8
              (local.get $backRow16)))
          (local.set $t128
            (f64x2.sub
              (local.get $theta0)
              (local.get $t127)))
          (local.set $t129
            (f64x2.mul
              (local.get $t128)
              (local.get $t128)))
          (local.set $t130
            (v128.load offset=768 align=8
              (local.get $backRow16)))
          (local.set $t131
            (f64x2.sub
              (local.get $theta1)
              (local.get $t130)))
          (local.set $t132
            (f64x2.mul
              (local.get $t131)
              (local.get $t131)))
          (local.set $t133
            (f64x2.add
              (local.get $t129)
              (local.get $t132)))
          (local.set $distance_3
            (local.get $t133))
          (local.set $t134
            (f64x2.gt
              (local.get $t133)
              (local.get $t126)))
          (local.set $outside_3
            (local.get $t134)))
        (local.set $t135
          (v128.and
            (local.get $t125)
            (local.get $outside_3)))
        (local.set $t136
          (v128.load offset=608 align=8
            (i32.const 0)))
        (local.set $idle
          (f64x2.gt
            (local.get $t136)
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
        (local.set $plain
          (v128.or
            (local.get $t135)
            (local.get $idle)))
        (local.set $t137
          (f64x2.mul
            (local.get $grad0_1)
            (local.get $grad0_1)))
        (local.set $t138
          (f64x2.mul
            (local.get $grad1_1)
            (local.get $grad1_1)))
        (local.set $t139
          (f64x2.add
            (local.get $t137)
            (local.get $t138)))
        (local.set $t140
          (f64x2.mul
            (local.get $theta0_1)
            (local.get $theta0_1)))
        (local.set $t141
          (f64x2.mul
            (local.get $theta1_1)
            (local.get $theta1_1)))
        (local.set $t142
          (f64x2.add
            (local.get $t140)
            (local.get $t141)))
        (local.set $norm_4
          (f64x2.sqrt
            (local.get $t142)))
        (local.set $t143
          (f64x2.add
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
            (local.get $norm_4)))
        (local.set $t144
          (f64x2.mul
            (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
            (local.get $t143)))
        (local.set $t145
          (f64x2.mul
            (local.get $t144)
            (local.get $t144)))
        (local.set $t146
          (f64x2.mul
            (local.get $t145)
            (v128.const i32x4 0x00400000 0x3ff00000 0x00400000 0x3ff00000)))
        (local.set $t147
          (v128.load offset=240 align=8
            (i32.const 0)))
        (local.set $t148
          (f64x2.le
            (local.get $loss_1)
            (local.get $t147)))
        (local.set $t149
          (f64x2.lt
            (local.get $t139)
            (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
        (local.set $t150
          (v128.and
            (local.get $t148)
            (local.get $t149)))
        (local.set $t151
          (f64x2.le
            (local.get $t142)
            (v128.const i32x4 0xa18b95ad 0x426d1a94 0xa18b95ad 0x426d1a94)))
        (local.set $t152
          (v128.and
            (local.get $t150)
            (local.get $t151)))
        (local.set $t153
          (v128.load offset=304 align=8
            (i32.const 0)))
        (local.set $gradAbove_3
          (f64x2.gt
            (local.get $t139)
            (local.get $t153)))
        (local.set $t154
          (v128.and
            (local.get $t152)
            (local.get $gradAbove_3)))
        (local.set $t155
          (v128.load offset=5456 align=8
            (local.get $backNorm2)))
        (block $B8
          (local.set $t156
            (v128.load offset=752 align=8
              (local.get $backRow2)))
          (local.set $t157
            (f64x2.sub
              (local.get $theta0_1)
              (local.get $t156)))
          (local.set $t158
            (f64x2.mul
              (local.get $t157)
              (local.get $t157)))
          (local.set $t159
            (v128.load offset=784 align=8
              (local.get $backRow2)))
          (local.set $t160
            (f64x2.sub
              (local.get $theta1_1)
              (local.get $t159)))
          (local.set $t161
            (f64x2.mul
              (local.get $t160)
              (local.get $t160)))
          (local.set $t162
            (f64x2.add
              (local.get $t158)
              (local.get $t161)))
          (local.set $distance_4
            (local.get $t162))
          (local.set $t163
            (f64x2.gt
              (local.get $t162)
              (local.get $t155)))
          (local.set $outside_4
            (local.get $t163)))
        (local.set $t164
          (v128.and
            (local.get $t154)
            (local.get $outside_4)))
        (local.set $t165
          (v128.load offset=5456 align=8
            (local.get $backNorm4)))
        (block $B9
          (local.set $t166
            (v128.load offset=752 align=8
              (local.get $backRow4)))
          (local.set $t167
            (f64x2.sub
              (local.get $theta0_1)
              (local.get $t166)))
          (local.set $t168
            (f64x2.mul
              (local.get $t167)
              (local.get $t167)))
          (local.set $t169
            (v128.load offset=784 align=8
              (local.get $backRow4)))
          (local.set $t170
            (f64x2.sub
              (local.get $theta1_1)
              (local.get $t169)))
          (local.set $t171
            (f64x2.mul
              (local.get $t170)
              (local.get $t170)))
          (local.set $t172
            (f64x2.add
              (local.get $t168)
              (local.get $t171)))
          (local.set $distance_5
            (local.get $t172))
          (local.set $t173
            (f64x2.gt
              (local.get $t172)
              (local.get $t165)))
          (local.set $outside_5
            (local.get $t173)))
        (local.set $t174
          (v128.and
            (local.get $t164)
            (local.get $outside_5)))
        (local.set $t175
          (v128.load offset=5456 align=8
            (local.get $backNorm8)))
        (block $B10
          (local.set $t176
            (v128.load offset=752 align=8
              (local.get $backRow8)))
          (local.set $t177
            (f64x2.sub
              (local.get $theta0_1)
              (local.get $t176)))
          (local.set $t178
            (f64x2.mul
              (local.get $t177)
              (local.get $t177)))
          (local.set $t179
            (v128.load offset=784 align=8
              (local.get $backRow8)))
          (local.set $t180
            (f64x2.sub
              (local.get $theta1_1)
              (local.get $t179)))
          (local.set $t181
            (f64x2.mul
              (local.get $t180)
              (local.get $t180)))
          (local.set $t182
            (f64x2.add
              (local.get $t178)
              (local.get $t181)))
          (local.set $distance_6
            (local.get $t182))
          (local.set $t183
            (f64x2.gt
              (local.get $t182)
              (local.get $t175)))
          (local.set $outside_6
            (local.get $t183)))
        (local.set $t184
          (v128.and
            (local.get $t174)
            (local.get $outside_6)))
        (local.set $t185
          (v128.load offset=5456 align=8
            (local.get $backNorm16)))
        (block $B11
          (local.set $t186
            (v128.load offset=752 align=8
              (local.get $backRow16)))
          (local.set $t187
            (f64x2.sub
              (local.get $theta0_1)
              (local.get $t186)))
          (local.set $t188
            (f64x2.mul
              (local.get $t187)
              (local.get $t187)))
          (local.set $t189
            (v128.load offset=784 align=8
              (local.get $backRow16)))
          (local.set $t190
            (f64x2.sub
              (local.get $theta1_1)
              (local.get $t189)))
          (local.set $t191
            (f64x2.mul
              (local.get $t190)
              (local.get $t190)))
          (local.set $t192
            (f64x2.add
              (local.get $t188)
              (local.get $t191)))
          (local.set $distance_7
            (local.get $t192))
          (local.set $t193
            (f64x2.gt
              (local.get $t192)
              (local.get $t185)))
          (local.set $outside_7
            (local.get $t193)))
        (local.set $t194
          (v128.and
            (local.get $t184)
            (local.get $outside_7)))
        (local.set $t195
          (v128.load offset=624 align=8
            (i32.const 0)))
        (local.set $idle_1
          (f64x2.gt
            (local.get $t195)
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
        (local.set $plain_1
          (v128.or
            (local.get $t194)
            (local.get $idle_1)))
        (local.set $t196
          (v128.and
            (local.get $plain)
            (local.get $plain_1)))
        (if $I12
          (local.get $stretching)
          (then
            (local.set $t197
              (v128.or
                (local.get $clear)
                (local.get $idle)))
            (local.set $t198
              (v128.and
                (local.get $plain)
                (local.get $t197)))
            (local.set $t199
              (v128.or
                (local.get $clear_1)
                (local.get $idle_1)))
            (local.set $t200
              (v128.and
                (local.get $plain_1)
                (local.get $t199)))
            (local.set $t201
              (v128.and
                (local.get $t198)
                (local.get $t200)))
            (if $I13
              (i32.eqz
                (i64x2.all_true
                  (local.get $t201)))
              (then
                (local.set $t202
                  (v128.load offset=7008 align=8
                    (i32.const 0)))
                (local.set $theta0
                  (local.get $t202))
                (local.set $t203
                  (v128.load offset=7040 align=8
                    (i32.const 0)))
                (local.set $theta1
                  (local.get $t203))
                (local.set $t204
                  (v128.load offset=7072 align=8
                    (i32.const 0)))
                (local.set $grad0
                  (local.get $t204))
                (local.set $t205
                  (v128.load offset=7104 align=8
                    (i32.const 0)))
                (local.set $grad1
                  (local.get $t205))
                (local.set $t206
                  (v128.load offset=7136 align=8
                    (i32.const 0)))
                (local.set $loss
                  (local.get $t206))
                (local.set $t207
                  (v128.load offset=7168 align=8
                    (i32.const 0)))
                (local.set $lossMin
                  (local.get $t207))
                (local.set $t208
                  (v128.load offset=7024 align=8
                    (i32.const 0)))
                (local.set $theta0_1
                  (local.get $t208))
                (local.set $t209
                  (v128.load offset=7056 align=8
                    (i32.const 0)))
                (local.set $theta1_1
                  (local.get $t209))
                (local.set $t210
                  (v128.load offset=7088 align=8
                    (i32.const 0)))
                (local.set $grad0_1
                  (local.get $t210))
                (local.set $t211
                  (v128.load offset=7120 align=8
                    (i32.const 0)))
                (local.set $grad1_1
                  (local.get $t211))
                (local.set $t212
                  (v128.load offset=7152 align=8
                    (i32.const 0)))
                (local.set $loss_1
                  (local.get $t212))
                (local.set $t213
                  (v128.load offset=7184 align=8
                    (i32.const 0)))
                (local.set $lossMin_1
                  (local.get $t213))
                (local.set $slot
                  (local.get $savedSlot))
                (local.set $exactLeft
                  (i32.const 32))
                (br $L1)))))
        (if $I14
          (i64x2.all_true
            (local.get $t196))
          (then
            (if $I15
              (local.get $dirty)
              (then
                (v128.store offset=320 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=352 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=384 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=416 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=448 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=336 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=368 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=400 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=432 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=464 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (local.set $dirty
                  (i32.const 0)))))
          (else
            (local.set $t214
              (v128.load offset=320 align=8
                (i32.const 0)))
            (local.set $t215
              (v128.load offset=352 align=8
                (i32.const 0)))
            (local.set $t216
              (v128.load offset=384 align=8
                (i32.const 0)))
            (local.set $t217
              (v128.load offset=416 align=8
                (i32.const 0)))
            (local.set $t218
              (v128.load offset=448 align=8
                (i32.const 0)))
            (local.set $t219
              (v128.load offset=480 align=8
                (i32.const 0)))
            (local.set $t220
              (v128.load offset=512 align=8
                (i32.const 0)))
            (local.set $t221
              (v128.load offset=544 align=8
                (i32.const 0)))
            (local.set $t222
              (v128.load offset=576 align=8
                (i32.const 0)))
            (local.set $t223
              (v128.load offset=336 align=8
                (i32.const 0)))
            (local.set $t224
              (v128.load offset=368 align=8
                (i32.const 0)))
            (local.set $t225
              (v128.load offset=400 align=8
                (i32.const 0)))
            (local.set $t226
              (v128.load offset=432 align=8
                (i32.const 0)))
            (local.set $t227
              (v128.load offset=464 align=8
                (i32.const 0)))
            (local.set $t228
              (v128.load offset=496 align=8
                (i32.const 0)))
            (local.set $t229
              (v128.load offset=528 align=8
                (i32.const 0)))
            (local.set $t230
              (v128.load offset=560 align=8
                (i32.const 0)))
            (local.set $t231
              (v128.load offset=592 align=8
                (i32.const 0)))
            (local.set $t232
              (f64x2.abs
                (local.get $theta0)))
            (local.set $t233
              (f64x2.le
                (local.get $t232)
                (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
            (local.set $t234
              (f64x2.abs
                (local.get $theta1)))
            (local.set $t235
              (f64x2.le
                (local.get $t234)
                (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
            (local.set $t236
              (v128.and
                (local.get $t233)
                (local.get $t235)))
            (local.set $t237
              (v128.and
                (local.get $t91)
                (local.get $t236)))
            (local.set $t238
              (v128.not
                (local.get $t237)))
            (local.set $t239
              (v128.load offset=256 align=8
                (i32.const 0)))
            (local.set $gradBelow
              (f64x2.le
                (local.get $t80)
                (local.get $t239)))
            (local.set $t240
              (f64x2.add
                (local.get $t214)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t241
              (v128.and
                (local.get $t240)
                (local.get $gradBelow)))
            (local.set $t242
              (v128.or
                (local.get $gradBelow)
                (local.get $gradAbove_2)))
            (local.set $t243
              (v128.not
                (local.get $t242)))
            (local.set $t244
              (f64x2.ge
                (local.get $t241)
                (v128.const i32x4 0x00000000 0x40240000 0x00000000 0x40240000)))
            (local.set $t245
              (v128.and
                (local.get $gradBelow)
                (local.get $t244)))
            (local.set $t246
              (v128.or
                (local.get $t245)
                (local.get $t243)))
            (local.set $t247
              (v128.or
                (local.get $t238)
                (local.get $t246)))
            (local.set $t248
              (v128.load offset=3872 align=8
                (local.get $backNorm2)))
            (local.set $t249
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t248)))
            (local.set $t250
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t249)))
            (local.set $t251
              (f64x2.mul
                (local.get $t250)
                (local.get $t250)))
            (local.set $t252
              (f64x2.lt
                (local.get $t251)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t253
              (f64x2.mul
                (local.get $t251)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t254
              (v128.and
                (local.get $t252)
                (local.get $t253)))
            (local.set $t255
              (f64x2.le
                (local.get $distance)
                (local.get $t254)))
            (local.set $within0
              (v128.andnot
                (local.get $t255)
                (local.get $outside)))
            (local.set $t256
              (v128.or
                (local.get $within0)
                (local.get $outside)))
            (local.set $t257
              (v128.not
                (local.get $t256)))
            (local.set $t258
              (v128.or
                (local.get $t247)
                (local.get $t257)))
            (local.set $t259
              (f64x2.eq
                (local.get $t215)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t260
              (v128.and
                (local.get $within0)
                (local.get $t259)))
            (local.set $t261
              (f64x2.add
                (local.get $t215)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t262
              (f64x2.eq
                (local.get $t261)
                (v128.const i32x4 0x00000000 0x40594000 0x00000000 0x40594000)))
            (local.set $t263
              (v128.and
                (local.get $within0)
                (local.get $t262)))
            (local.set $t264
              (v128.or
                (local.get $t260)
                (local.get $t263)))
            (local.set $t265
              (v128.load offset=3872 align=8
                (local.get $backNorm4)))
            (local.set $t266
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t265)))
            (local.set $t267
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t266)))
            (local.set $t268
              (f64x2.mul
                (local.get $t267)
                (local.get $t267)))
            (local.set $t269
              (f64x2.lt
                (local.get $t268)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t270
              (f64x2.mul
                (local.get $t268)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t271
              (v128.and
                (local.get $t269)
                (local.get $t270)))
            (local.set $t272
              (f64x2.le
                (local.get $distance_1)
                (local.get $t271)))
            (local.set $within1
              (v128.andnot
                (local.get $t272)
                (local.get $outside_1)))
            (local.set $t273
              (v128.or
                (local.get $within1)
                (local.get $outside_1)))
            (local.set $t274
              (v128.not
                (local.get $t273)))
            (local.set $t275
              (v128.or
                (local.get $t258)
                (local.get $t274)))
            (local.set $t276
              (f64x2.eq
                (local.get $t216)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t277
              (v128.and
                (local.get $within1)
                (local.get $t276)))
            (local.set $t278
              (f64x2.add
                (local.get $t216)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t279
              (f64x2.eq
                (local.get $t278)
                (v128.const i32x4 0x00000000 0x40594000 0x00000000 0x40594000)))
            (local.set $t280
              (v128.and
                (local.get $within1)
                (local.get $t279)))
            (local.set $t281
              (v128.or
                (local.get $t277)
                (local.get $t280)))
            (local.set $t282
              (v128.or
                (local.get $t264)
                (local.get $t281)))
            (local.set $t283
              (v128.load offset=3872 align=8
                (local.get $backNorm8)))
            (local.set $t284
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t283)))
            (local.set $t285
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t284)))
            (local.set $t286
              (f64x2.mul
                (local.get $t285)
                (local.get $t285)))
            (local.set $t287
              (f64x2.lt
                (local.get $t286)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t288
              (f64x2.mul
                (local.get $t286)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t289
              (v128.and
                (local.get $t287)
                (local.get $t288)))
            (local.set $t290
              (f64x2.le
                (local.get $distance_2)
                (local.get $t289)))
            (local.set $within2
              (v128.andnot
                (local.get $t290)
                (local.get $outside_2)))
            (local.set $t291
              (v128.or
                (local.get $within2)
                (local.get $outside_2)))
            (local.set $t292
              (v128.not
                (local.get $t291)))
            (local.set $t293
              (v128.or
                (local.get $t275)
                (local.get $t292)))
            (local.set $t294
              (f64x2.eq
                (local.get $t217)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t295
              (v128.and
                (local.get $within2)
                (local.get $t294)))
            (local.set $t296
              (f64x2.add
                (local.get $t217)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t297
              (f64x2.eq
                (local.get $t296)
                (v128.const i32x4 0x00000000 0x405a4000 0x00000000 0x405a4000)))
            (local.set $t298
              (v128.and
                (local.get $within2)
                (local.get $t297)))
            (local.set $t299
              (v128.or
                (local.get $t295)
                (local.get $t298)))
            (local.set $t300
              (v128.or
                (local.get $t282)
                (local.get $t299)))
            (local.set $t301
              (v128.load offset=3872 align=8
                (local.get $backNorm16)))
            (local.set $t302
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t301)))
            (local.set $t303
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t302)))
            (local.set $t304
              (f64x2.mul
                (local.get $t303)
                (local.get $t303)))
            (local.set $t305
              (f64x2.lt
                (local.get $t304)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t306
              (f64x2.mul
                (local.get $t304)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t307
              (v128.and
                (local.get $t305)
                (local.get $t306)))
            (local.set $t308
              (f64x2.le
                (local.get $distance_3)
                (local.get $t307)))
            (local.set $within3
              (v128.andnot
                (local.get $t308)
                (local.get $outside_3)))
            (local.set $t309
              (v128.or
                (local.get $within3)
                (local.get $outside_3)))
            (local.set $t310
              (v128.not
                (local.get $t309)))
            (local.set $t311
              (v128.or
                (local.get $t293)
                (local.get $t310)))
            (local.set $t312
              (f64x2.eq
                (local.get $t218)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t313
              (v128.and
                (local.get $within3)
                (local.get $t312)))
            (local.set $t314
              (f64x2.add
                (local.get $t218)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t315
              (f64x2.eq
                (local.get $t314)
                (v128.const i32x4 0x00000000 0x405c4000 0x00000000 0x405c4000)))
            (local.set $t316
              (v128.and
                (local.get $within3)
                (local.get $t315)))
            (local.set $t317
              (v128.or
                (local.get $t313)
                (local.get $t316)))
            (local.set $t318
              (v128.or
                (local.get $t300)
                (local.get $t317)))
            (local.set $t319
              (f64x2.abs
                (local.get $theta0_1)))
            (local.set $t320
              (f64x2.le
                (local.get $t319)
                (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
            (local.set $t321
              (f64x2.abs
                (local.get $theta1_1)))
            (local.set $t322
              (f64x2.le
                (local.get $t321)
                (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
            (local.set $t323
              (v128.and
                (local.get $t320)
                (local.get $t322)))
            (local.set $t324
              (v128.and
                (local.get $t150)
                (local.get $t323)))
            (local.set $t325
              (v128.not
                (local.get $t324)))
            (local.set $t326
              (v128.load offset=272 align=8
                (i32.const 0)))
            (local.set $gradBelow_1
              (f64x2.le
                (local.get $t139)
                (local.get $t326)))
            (local.set $t327
              (f64x2.add
                (local.get $t223)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t328
              (v128.and
                (local.get $t327)
                (local.get $gradBelow_1)))
            (local.set $t329
              (v128.or
                (local.get $gradBelow_1)
                (local.get $gradAbove_3)))
            (local.set $t330
              (v128.not
                (local.get $t329)))
            (local.set $t331
              (f64x2.ge
                (local.get $t328)
                (v128.const i32x4 0x00000000 0x40240000 0x00000000 0x40240000)))
            (local.set $t332
              (v128.and
                (local.get $gradBelow_1)
                (local.get $t331)))
            (local.set $t333
              (v128.or
                (local.get $t332)
                (local.get $t330)))
            (local.set $t334
              (v128.or
                (local.get $t325)
                (local.get $t333)))
            (local.set $t335
              (v128.load offset=3888 align=8
                (local.get $backNorm2)))
            (local.set $t336
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t335)))
            (local.set $t337
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t336)))
            (local.set $t338
              (f64x2.mul
                (local.get $t337)
                (local.get $t337)))
            (local.set $t339
              (f64x2.lt
                (local.get $t338)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t340
              (f64x2.mul
                (local.get $t338)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t341
              (v128.and
                (local.get $t339)
                (local.get $t340)))
            (local.set $t342
              (f64x2.le
                (local.get $distance_4)
                (local.get $t341)))
            (local.set $within0_1
              (v128.andnot
                (local.get $t342)
                (local.get $outside_4)))
            (local.set $t343
              (v128.or
                (local.get $within0_1)
                (local.get $outside_4)))
            (local.set $t344
              (v128.not
                (local.get $t343)))
            (local.set $t345
              (v128.or
                (local.get $t334)
                (local.get $t344)))
            (local.set $t346
              (f64x2.eq
                (local.get $t224)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t347
              (v128.and
                (local.get $within0_1)
                (local.get $t346)))
            (local.set $t348
              (f64x2.add
                (local.get $t224)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t349
              (f64x2.eq
                (local.get $t348)
                (v128.const i32x4 0x00000000 0x40594000 0x00000000 0x40594000)))
            (local.set $t350
              (v128.and
                (local.get $within0_1)
                (local.get $t349)))
            (local.set $t351
              (v128.or
                (local.get $t347)
                (local.get $t350)))
            (local.set $t352
              (v128.or
                (local.get $t318)
                (local.get $t351)))
            (local.set $t353
              (v128.load offset=3888 align=8
                (local.get $backNorm4)))
            (local.set $t354
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t353)))
            (local.set $t355
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t354)))
            (local.set $t356
              (f64x2.mul
                (local.get $t355)
                (local.get $t355)))
            (local.set $t357
              (f64x2.lt
                (local.get $t356)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t358
              (f64x2.mul
                (local.get $t356)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t359
              (v128.and
                (local.get $t357)
                (local.get $t358)))
            (local.set $t360
              (f64x2.le
                (local.get $distance_5)
                (local.get $t359)))
            (local.set $within1_1
              (v128.andnot
                (local.get $t360)
                (local.get $outside_5)))
            (local.set $t361
              (v128.or
                (local.get $within1_1)
                (local.get $outside_5)))
            (local.set $t362
              (v128.not
                (local.get $t361)))
            (local.set $t363
              (v128.or
                (local.get $t345)
                (local.get $t362)))
            (local.set $t364
              (f64x2.eq
                (local.get $t225)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t365
              (v128.and
                (local.get $within1_1)
                (local.get $t364)))
            (local.set $t366
              (f64x2.add
                (local.get $t225)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t367
              (f64x2.eq
                (local.get $t366)
                (v128.const i32x4 0x00000000 0x40594000 0x00000000 0x40594000)))
            (local.set $t368
              (v128.and
                (local.get $within1_1)
                (local.get $t367)))
            (local.set $t369
              (v128.or
                (local.get $t365)
                (local.get $t368)))
            (local.set $t370
              (v128.or
                (local.get $t352)
                (local.get $t369)))
            (local.set $t371
              (v128.load offset=3888 align=8
                (local.get $backNorm8)))
            (local.set $t372
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t371)))
            (local.set $t373
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t372)))
            (local.set $t374
              (f64x2.mul
                (local.get $t373)
                (local.get $t373)))
            (local.set $t375
              (f64x2.lt
                (local.get $t374)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t376
              (f64x2.mul
                (local.get $t374)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t377
              (v128.and
                (local.get $t375)
                (local.get $t376)))
            (local.set $t378
              (f64x2.le
                (local.get $distance_6)
                (local.get $t377)))
            (local.set $within2_1
              (v128.andnot
                (local.get $t378)
                (local.get $outside_6)))
            (local.set $t379
              (v128.or
                (local.get $within2_1)
                (local.get $outside_6)))
            (local.set $t380
              (v128.not
                (local.get $t379)))
            (local.set $t381
              (v128.or
                (local.get $t363)
                (local.get $t380)))
            (local.set $t382
              (f64x2.eq
                (local.get $t226)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t383
              (v128.and
                (local.get $within2_1)
                (local.get $t382)))
            (local.set $t384
              (f64x2.add
                (local.get $t226)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t385
              (f64x2.eq
                (local.get $t384)
                (v128.const i32x4 0x00000000 0x405a4000 0x00000000 0x405a4000)))
            (local.set $t386
              (v128.and
                (local.get $within2_1)
                (local.get $t385)))
            (local.set $t387
              (v128.or
                (local.get $t383)
                (local.get $t386)))
            (local.set $t388
              (v128.or
                (local.get $t370)
                (local.get $t387)))
            (local.set $t389
              (v128.load offset=3888 align=8
                (local.get $backNorm16)))
            (local.set $t390
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t389)))
            (local.set $t391
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t390)))
            (local.set $t392
              (f64x2.mul
                (local.get $t391)
                (local.get $t391)))
            (local.set $t393
              (f64x2.lt
                (local.get $t392)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t394
              (f64x2.mul
                (local.get $t392)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t395
              (v128.and
                (local.get $t393)
                (local.get $t394)))
            (local.set $t396
              (f64x2.le
                (local.get $distance_7)
                (local.get $t395)))
            (local.set $within3_1
              (v128.andnot
                (local.get $t396)
                (local.get $outside_7)))
            (local.set $t397
              (v128.or
                (local.get $within3_1)
                (local.get $outside_7)))
            (local.set $t398
              (v128.not
                (local.get $t397)))
            (local.set $t399
              (v128.or
                (local.get $t381)
                (local.get $t398)))
            (local.set $t400
              (f64x2.eq
                (local.get $t227)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t401
              (v128.and
                (local.get $within3_1)
                (local.get $t400)))
            (local.set $t402
              (f64x2.add
                (local.get $t227)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t403
              (f64x2.eq
                (local.get $t402)
                (v128.const i32x4 0x00000000 0x405c4000 0x00000000 0x405c4000)))
            (local.set $t404
              (v128.and
                (local.get $within3_1)
                (local.get $t403)))
            (local.set $t405
              (v128.or
                (local.get $t401)
                (local.get $t404)))
            (local.set $t406
              (v128.or
                (local.get $t388)
                (local.get $t405)))
            (if $I16
              (v128.any_true
                (local.get $t406))
              (then
                (local.set $t407
                  (v128.load offset=736 align=8
                    (local.get $previousRow)))
                (local.set $t408
                  (f64x2.sub
                    (local.get $theta0)
                    (local.get $t407)))
                (local.set $t409
                  (v128.load offset=768 align=8
                    (local.get $previousRow)))
                (local.set $t410
                  (f64x2.sub
                    (local.get $theta1)
                    (local.get $t409)))
                (local.set $t411
                  (f64x2.mul
                    (local.get $t408)
                    (local.get $t408)))
                (local.set $t412
                  (f64x2.mul
                    (local.get $t410)
                    (local.get $t410)))
                (local.set $t413
                  (f64x2.add
                    (local.get $t411)
                    (local.get $t412)))
                (local.set $t414
                  (f64x2.sqrt
                    (local.get $t413)))
                (local.set $step1
                  (local.get $t414))
                (local.set $t415
                  (v128.load offset=752 align=8
                    (local.get $previousRow)))
                (local.set $t416
                  (f64x2.sub
                    (local.get $theta0_1)
                    (local.get $t415)))
                (local.set $t417
                  (v128.load offset=784 align=8
                    (local.get $previousRow)))
                (local.set $t418
                  (f64x2.sub
                    (local.get $theta1_1)
                    (local.get $t417)))
                (local.set $t419
                  (f64x2.mul
                    (local.get $t416)
                    (local.get $t416)))
                (local.set $t420
                  (f64x2.mul
                    (local.get $t418)
                    (local.get $t418)))
                (local.set $t421
                  (f64x2.add
                    (local.get $t419)
                    (local.get $t420)))
                (local.set $t422
                  (f64x2.sqrt
                    (local.get $t421)))
                (local.set $step1_1
                  (local.get $t422))))
            (local.set $t423
              (v128.bitselect
                (local.get $step1)
                (local.get $t219)
                (local.get $t260)))
            (local.set $t424
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_3)))
            (local.set $t425
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t424)))
            (local.set $t426
              (f64x2.gt
                (local.get $step1)
                (local.get $t425)))
            (local.set $t427
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t423)))
            (local.set $t428
              (f64x2.ge
                (local.get $step1)
                (local.get $t427)))
            (local.set $t429
              (v128.and
                (local.get $t426)
                (local.get $t428)))
            (local.set $t430
              (v128.and
                (local.get $t263)
                (local.get $t429)))
            (local.set $t431
              (v128.or
                (local.get $t311)
                (local.get $t430)))
            (local.set $t432
              (v128.andnot
                (local.get $within0)
                (local.get $t263)))
            (local.set $t433
              (v128.and
                (local.get $t261)
                (local.get $t432)))
            (local.set $t434
              (v128.bitselect
                (local.get $step1)
                (local.get $t220)
                (local.get $t277)))
            (local.set $t435
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_3)))
            (local.set $t436
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t435)))
            (local.set $t437
              (f64x2.gt
                (local.get $step1)
                (local.get $t436)))
            (local.set $t438
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t434)))
            (local.set $t439
              (f64x2.ge
                (local.get $step1)
                (local.get $t438)))
            (local.set $t440
              (v128.and
                (local.get $t437)
                (local.get $t439)))
            (local.set $t441
              (v128.and
                (local.get $t280)
                (local.get $t440)))
            (local.set $t442
              (v128.or
                (local.get $t431)
                (local.get $t441)))
            (local.set $t443
              (v128.andnot
                (local.get $within1)
                (local.get $t280)))
            (local.set $t444
              (v128.and
                (local.get $t278)
                (local.get $t443)))
            (local.set $t445
              (v128.bitselect
                (local.get $step1)
                (local.get $t221)
                (local.get $t295)))
            (local.set $t446
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_3)))
            (local.set $t447
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t446)))
            (local.set $t448
              (f64x2.gt
                (local.get $step1)
                (local.get $t447)))
            (local.set $t449
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t445)))
            (local.set $t450
              (f64x2.ge
                (local.get $step1)
                (local.get $t449)))
            (local.set $t451
              (v128.and
                (local.get $t448)
                (local.get $t450)))
            (local.set $t452
              (v128.and
                (local.get $t298)
                (local.get $t451)))
            (local.set $t453
              (v128.or
                (local.get $t442)
                (local.get $t452)))
            (local.set $t454
              (v128.andnot
                (local.get $within2)
                (local.get $t298)))
            (local.set $t455
              (v128.and
                (local.get $t296)
                (local.get $t454)))
            (local.set $t456
              (v128.bitselect
                (local.get $step1)
                (local.get $t222)
                (local.get $t313)))
            (local.set $t457
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_3)))
            (local.set $t458
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t457)))
            (local.set $t459
              (f64x2.gt
                (local.get $step1)
                (local.get $t458)))
            (local.set $t460
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t456)))
            (local.set $t461
              (f64x2.ge
                (local.get $step1)
                (local.get $t460)))
            (local.set $t462
              (v128.and
                (local.get $t459)
                (local.get $t461)))
            (local.set $t463
              (v128.and
                (local.get $t316)
                (local.get $t462)))
            (local.set $t464
              (v128.or
                (local.get $t453)
                (local.get $t463)))
            (local.set $t465
              (v128.andnot
                (local.get $within3)
                (local.get $t316)))
            (local.set $t466
              (v128.and
                (local.get $t314)
                (local.get $t465)))
            (local.set $t467
              (v128.andnot
                (local.get $t464)
                (local.get $idle)))
            (local.set $t468
              (v128.bitselect
                (local.get $step1_1)
                (local.get $t228)
                (local.get $t347)))
            (local.set $t469
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_4)))
            (local.set $t470
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t469)))
            (local.set $t471
              (f64x2.gt
                (local.get $step1_1)
                (local.get $t470)))
            (local.set $t472
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t468)))
            (local.set $t473
              (f64x2.ge
                (local.get $step1_1)
                (local.get $t472)))
            (local.set $t474
              (v128.and
                (local.get $t471)
                (local.get $t473)))
            (local.set $t475
              (v128.and
                (local.get $t350)
                (local.get $t474)))
            (local.set $t476
              (v128.or
                (local.get $t399)
                (local.get $t475)))
            (local.set $t477
              (v128.andnot
                (local.get $within0_1)
                (local.get $t350)))
            (local.set $t478
              (v128.and
                (local.get $t348)
                (local.get $t477)))
            (local.set $t479
              (v128.bitselect
                (local.get $step1_1)
                (local.get $t229)
                (local.get $t365)))
            (local.set $t480
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_4)))
            (local.set $t481
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t480)))
            (local.set $t482
              (f64x2.gt
                (local.get $step1_1)
                (local.get $t481)))
            (local.set $t483
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t479)))
            (local.set $t484
              (f64x2.ge
                (local.get $step1_1)
                (local.get $t483)))
            (local.set $t485
              (v128.and
                (local.get $t482)
                (local.get $t484)))
            (local.set $t486
              (v128.and
                (local.get $t368)
                (local.get $t485)))
            (local.set $t487
              (v128.or
                (local.get $t476)
                (local.get $t486)))
            (local.set $t488
              (v128.andnot
                (local.get $within1_1)
                (local.get $t368)))
            (local.set $t489
              (v128.and
                (local.get $t366)
                (local.get $t488)))
            (local.set $t490
              (v128.bitselect
                (local.get $step1_1)
                (local.get $t230)
                (local.get $t383)))
            (local.set $t491
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_4)))
            (local.set $t492
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t491)))
            (local.set $t493
              (f64x2.gt
                (local.get $step1_1)
                (local.get $t492)))
            (local.set $t494
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t490)))
            (local.set $t495
              (f64x2.ge
                (local.get $step1_1)
                (local.get $t494)))
            (local.set $t496
              (v128.and
                (local.get $t493)
                (local.get $t495)))
            (local.set $t497
              (v128.and
                (local.get $t386)
                (local.get $t496)))
            (local.set $t498
              (v128.or
                (local.get $t487)
                (local.get $t497)))
            (local.set $t499
              (v128.andnot
                (local.get $within2_1)
                (local.get $t386)))
            (local.set $t500
              (v128.and
                (local.get $t384)
                (local.get $t499)))
            (local.set $t501
              (v128.bitselect
                (local.get $step1_1)
                (local.get $t231)
                (local.get $t401)))
            (local.set $t502
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_4)))
            (local.set $t503
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t502)))
            (local.set $t504
              (f64x2.gt
                (local.get $step1_1)
                (local.get $t503)))
            (local.set $t505
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t501)))
            (local.set $t506
              (f64x2.ge
                (local.get $step1_1)
                (local.get $t505)))
            (local.set $t507
              (v128.and
                (local.get $t504)
                (local.get $t506)))
            (local.set $t508
              (v128.and
                (local.get $t404)
                (local.get $t507)))
            (local.set $t509
              (v128.or
                (local.get $t498)
                (local.get $t508)))
            (local.set $t510
              (v128.andnot
                (local.get $within3_1)
                (local.get $t404)))
            (local.set $t511
              (v128.and
                (local.get $t402)
                (local.get $t510)))
            (local.set $t512
              (v128.andnot
                (local.get $t509)
                (local.get $idle_1)))
            (local.set $anyStop
              (v128.or
                (local.get $t467)
                (local.get $t512)))
            (br_if $B0
              (v128.any_true
                (local.get $anyStop)))
            (v128.store offset=320 align=8
              (i32.const 0)
              (local.get $t241))
            (v128.store offset=352 align=8
              (i32.const 0)
              (local.get $t433))
            (v128.store offset=384 align=8
              (i32.const 0)
              (local.get $t444))
            (v128.store offset=416 align=8
              (i32.const 0)
              (local.get $t455))
            (v128.store offset=448 align=8
              (i32.const 0)
              (local.get $t466))
            (v128.store offset=480 align=8
              (i32.const 0)
              (local.get $t423))
            (v128.store offset=512 align=8
              (i32.const 0)
              (local.get $t434))
            (v128.store offset=544 align=8
              (i32.const 0)
              (local.get $t445))
            (v128.store offset=576 align=8
              (i32.const 0)
              (local.get $t456))
            (v128.store offset=336 align=8
              (i32.const 0)
              (local.get $t328))
            (v128.store offset=368 align=8
              (i32.const 0)
              (local.get $t478))
            (v128.store offset=400 align=8
              (i32.const 0)
              (local.get $t489))
            (v128.store offset=432 align=8
              (i32.const 0)
              (local.get $t500))
            (v128.store offset=464 align=8
              (i32.const 0)
              (local.get $t511))
            (v128.store offset=496 align=8
              (i32.const 0)
              (local.get $t468))
            (v128.store offset=528 align=8
              (i32.const 0)
              (local.get $t479))
            (v128.store offset=560 align=8
              (i32.const 0)
              (local.get $t490))
            (v128.store offset=592 align=8
              (i32.const 0)
              (local.get $t501))
            (local.set $dirty
              (i32.const 1))))
        (local.set $eta_2
          (v128.load offset=192 align=8
            (i32.const 0)))
        (v128.store offset=736 align=8
          (local.get $row)
          (local.get $theta0))
        (v128.store offset=768 align=8
          (local.get $row)
          (local.get $theta1))
        (v128.store offset=3872 align=8
          (local.get $norm)
          (local.get $norm_3))
        (v128.store offset=5440 align=8
          (local.get $norm)
          (local.get $t87))
        (local.set $t513
          (f64x2.pmin
            (local.get $lossMin)
            (local.get $loss)))
        (local.set $lossMin
          (local.get $t513))
        (local.set $t514
          (f64x2.mul
            (local.get $eta_2)
            (local.get $grad0)))
        (local.set $t515
          (f64x2.sub
            (local.get $theta0)
            (local.get $t514)))
        (local.set $t516
          (f64x2.mul
            (local.get $eta_2)
            (local.get $grad1)))
        (local.set $t517
          (f64x2.sub
            (local.get $theta1)
            (local.get $t516)))
        (local.set $theta0
          (local.get $t515))
        (local.set $theta1
          (local.get $t517))
        (local.set $t518
          (f64x2.mul
            (local.get $theta1)
            (local.get $theta0)))
        (local.set $prefix2_0_2
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t518)))
        (local.set $t519
          (f64x2.mul
            (local.get $prefix2_0_2)
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
        (local.set $q_0_2
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t519)))
        (local.set $t520
          (f64x2.mul
            (local.get $prefix2_0_2)
            (local.get $q_0_2)))
        (local.set $pq_2
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t520)))
        (local.set $t521
          (f64x2.mul
            (local.get $prefix2_0_2)
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
        (local.set $pc_2
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t521)))
        (local.set $back2_0_2
          (f64x2.sub
            (local.get $q_0_2)
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
        (local.set $t522
          (f64x2.mul
            (local.get $back2_0_2)
            (local.get $theta0)))
        (local.set $grad_1_2
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t522)))
        (local.set $t523
          (f64x2.mul
            (local.get $theta1)
            (local.get $back2_0_2)))
        (local.set $grad_0_2
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t523)))
        (local.set $t524
          (f64x2.mul
            (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)
            (local.get $pq_2)))
        (local.set $t525
          (f64x2.sub
            (local.get $t524)
            (local.get $pc_2)))
        (local.set $loss_4
          (f64x2.add
            (local.get $t525)
            (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)))
        (local.set $loss
          (local.get $loss_4))
        (local.set $grad0
          (local.get $grad_0_2))
        (local.set $grad1
          (local.get $grad_1_2))
        (local.set $eta_3
          (v128.load offset=208 align=8
            (i32.const 0)))
        (v128.store offset=752 align=8
          (local.get $row)
          (local.get $theta0_1))
        (v128.store offset=784 align=8
          (local.get $row)
          (local.get $theta1_1))
        (v128.store offset=3888 align=8
          (local.get $norm)
          (local.get $norm_4))
        (v128.store offset=5456 align=8
          (local.get $norm)
          (local.get $t146))
        (local.set $t526
          (f64x2.pmin
            (local.get $lossMin_1)
            (local.get $loss_1)))
        (local.set $lossMin_1
          (local.get $t526))
        (local.set $t527
          (f64x2.mul
            (local.get $eta_3)
            (local.get $grad0_1)))
        (local.set $t528
          (f64x2.sub
            (local.get $theta0_1)
            (local.get $t527)))
        (local.set $t529
          (f64x2.mul
            (local.get $eta_3)
            (local.get $grad1_1)))
        (local.set $t530
          (f64x2.sub
            (local.get $theta1_1)
            (local.get $t529)))
        (local.set $theta0_1
          (local.get $t528))
        (local.set $theta1_1
          (local.get $t530))
        (local.set $t531
          (f64x2.mul
            (local.get $theta1_1)
            (local.get $theta0_1)))
        (local.set $prefix2_0_3
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t531)))
        (local.set $t532
          (f64x2.mul
            (local.get $prefix2_0_3)
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
        (local.set $q_0_3
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t532)))
        (local.set $t533
          (f64x2.mul
            (local.get $prefix2_0_3)
            (local.get $q_0_3)))
        (local.set $pq_3
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t533)))
        (local.set $t534
          (f64x2.mul
            (local.get $prefix2_0_3)
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
        (local.set $pc_3
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t534)))
        (local.set $back2_0_3
          (f64x2.sub
            (local.get $q_0_3)
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
        (local.set $t535
          (f64x2.mul
            (local.get $back2_0_3)
            (local.get $theta0_1)))
        (local.set $grad_1_3
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t535)))
        (local.set $t536
          (f64x2.mul
            (local.get $theta1_1)
            (local.get $back2_0_3)))
        (local.set $grad_0_3
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t536)))
        (local.set $t537
          (f64x2.mul
            (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)
            (local.get $pq_3)))
        (local.set $t538
          (f64x2.sub
            (local.get $t537)
            (local.get $pc_3)))
        (local.set $loss_5
          (f64x2.add
            (local.get $t538)
            (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)))
        (local.set $loss_1
          (local.get $loss_5))
        (local.set $grad0_1
          (local.get $grad_0_3))
        (local.set $grad1_1
          (local.get $grad_1_3))
        (local.set $slot
          (i32.add
            (local.get $slot)
            (i32.const 1)))
        (local.set $slot
          (select
            (i32.const 0)
            (local.get $slot)
            (i32.eq
              (local.get $slot)
              (i32.const 49))))
        (local.set $taken
          (i32.add
            (local.get $taken)
            (select
              (i32.const 32)
              (i32.const 1)
              (local.get $stretching))))
        (local.set $exactLeft
          (i32.sub
            (local.get $exactLeft)
            (i32.ne
              (local.get $exactLeft)
              (i32.const 0))))
        (br $L1)))
    (v128.store align=8
      (i32.const 0)
      (local.get $theta0))
    (v128.store offset=32 align=8
      (i32.const 0)
      (local.get $theta1))
    (v128.store offset=64 align=8
      (i32.const 0)
      (local.get $grad0))
    (v128.store offset=96 align=8
      (i32.const 0)
      (local.get $grad1))
    (v128.store offset=128 align=8
      (i32.const 0)
      (local.get $loss))
    (v128.store offset=160 align=8
      (i32.const 0)
      (local.get $lossMin))
    (v128.store offset=16 align=8
      (i32.const 0)
      (local.get $theta0_1))
    (v128.store offset=48 align=8
      (i32.const 0)
      (local.get $theta1_1))
    (v128.store offset=80 align=8
      (i32.const 0)
      (local.get $grad0_1))
    (v128.store offset=112 align=8
      (i32.const 0)
      (local.get $grad1_1))
    (v128.store offset=144 align=8
      (i32.const 0)
      (local.get $loss_1))
    (v128.store offset=176 align=8
      (i32.const 0)
      (local.get $lossMin_1))
    (local.get $taken))
  (memory $memory (export "memory") 1))
